package nl.iwa.hub;

import nl.iwa.hub.access.AccessCommand;
import nl.iwa.hub.transport.AvroCodec;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("access")) {
            // an operator's tool (export or apply the broker ACLs); it starts no hub, so Spring Boot's logging
            // setup does not run either: without this, logback's default would print the Kafka client's INFO lines
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                    .setLevel(ch.qos.logback.classic.Level.WARN);
            System.exit(AccessCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out, System.err));
        }
        AvroCodec.applyAvroLimits();
        SpringApplication.run(HubApplication.class, args);
    }
}
