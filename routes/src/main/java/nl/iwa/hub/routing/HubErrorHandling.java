package nl.iwa.hub.routing;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The one place for error handling. Bad input never reaches here (the handler turns it into rejections and
 * dead letters, and a record whose outcome cannot be written is parked by the batch decider); what does is
 * infrastructure trouble (broker, registry), retried with back-off. When retries run out the Kafka consumer
 * reconnects and reads again from the offsets last committed with a transaction (breakOnFirstError), so
 * intake pauses instead of losing or skipping anything. Bodies and message history are never logged: they
 * hold personal data.
 */
@Component
public class HubErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "hub-error-handling";

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .errorHandler(defaultErrorHandler()
                        .maximumRedeliveries(5)
                        .redeliveryDelay(200)
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .maximumRedeliveryDelay(5000)
                        .retryAttemptedLogLevel(LoggingLevel.WARN)
                        .logExhaustedMessageBody(false)
                        .logExhaustedMessageHistory(false)
                        .logRetryStackTrace(false)
                        .logStackTrace(false));
    }
}
