package nl.iwa.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/** The console's language switch ({@code ?lang=}), on the console's paths only. */
@Configuration(proxyBeanMethods = false)
public class ConsoleWebConfiguration implements WebMvcConfigurer {

    /** Spring MVC finds the resolver by this name; {@link ConsoleLanguage} leaves other paths as they were. */
    @Bean(name = "localeResolver")
    LocaleResolver localeResolver() {
        return new ConsoleLanguage();
    }

    /**
     * The console's texts, console/messages_nl and _en (there is no base file, so Spring Boot's own message source
     * stays off); a language without texts falls back to none of the server's, see {@link ConsoleLanguage}.
     */
    @Bean(name = "messageSource")
    MessageSource messageSource() {
        ResourceBundleMessageSource texts = new ResourceBundleMessageSource();
        texts.setBasename("console/messages");
        texts.setDefaultEncoding("UTF-8");
        texts.setFallbackToSystemLocale(false);
        return texts;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName("lang");
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change).addPathPatterns("/console", "/console/**");
    }

    static boolean isConsole(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/console") || path.startsWith("/console/");
    }
}
