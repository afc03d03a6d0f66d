package nl.iwa.hub.connectors.rest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code iwa.connectors.rest.*}: the requests per second each partner may send, and how many at once (burst). */
@ConfigurationProperties(prefix = "iwa.connectors.rest")
public record RestIngressSettings(@DefaultValue("20") double ratePerSecond,
                                  @DefaultValue("100") int burst) {
}
