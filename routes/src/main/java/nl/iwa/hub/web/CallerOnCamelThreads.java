package nl.iwa.hub.web;

import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.task.DelegatingSecurityContextAsyncTaskExecutor;

/**
 * Camel's platform-http consumer on Spring Boot hands each request to a task executor, so a connector route runs
 * off the request thread, where the authenticated caller is not. Camel picks a
 * {@link DelegatingSecurityContextAsyncTaskExecutor} when there is one: it carries the request thread's security
 * context to the task, so the connectors know the caller from the request's user principal (set by the security
 * chain from a verified credential), never from anything the client sends. Named as Spring Boot's default
 * executor, which it replaces (same pool settings, {@code spring.task.execution.*}).
 */
@Configuration(proxyBeanMethods = false)
public class CallerOnCamelThreads {

    /** The threads themselves, a bean so that they are shut down with the hub. */
    @Bean
    ThreadPoolTaskExecutor requestTaskPool(ThreadPoolTaskExecutorBuilder builder) {
        return builder.build();
    }

    @Bean(name = "applicationTaskExecutor")
    DelegatingSecurityContextAsyncTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutor requestTaskPool) {
        return new DelegatingSecurityContextAsyncTaskExecutor(requestTaskPool);
    }
}
