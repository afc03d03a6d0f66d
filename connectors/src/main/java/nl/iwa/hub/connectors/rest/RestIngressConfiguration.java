package nl.iwa.hub.connectors.rest;

import java.time.Clock;
import nl.iwa.hub.connectors.ConnectorHub;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The REST ingress's parts, with the hub's clock and its one door into the hub. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RestIngressSettings.class)
public class RestIngressConfiguration {

    @Bean(destroyMethod = "close")
    RestReceipts restReceipts(ConnectorHub hub) {
        return new RestReceipts(hub);
    }

    @Bean
    RestIngress restIngress(ConnectorHub hub, RestIngressSettings settings, RestReceipts receipts, Clock clock) {
        return new RestIngress(hub, new PartnerRateLimit(settings.ratePerSecond(), settings.burst(), clock), receipts, clock);
    }
}
