package nl.iwa.hub;

import nl.iwa.hub.transport.AvroCodec;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

    public static void main(String[] args) {
        AvroCodec.applyAvroLimits();
        SpringApplication.run(HubApplication.class, args);
    }
}
