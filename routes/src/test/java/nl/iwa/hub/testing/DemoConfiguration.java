package nl.iwa.hub.testing;

import java.nio.file.Path;
import nl.iwa.hub.policy.ReviewedConfigLoader;

/** The reviewed demo configuration (ops/config, or {@code -Diwa.config.dir}), loaded once for the unit tests that decide with it. */
public final class DemoConfiguration {

    public static final ReviewedConfigLoader.Loaded LOADED;

    static {
        Path dir = Path.of(System.getProperty("iwa.config.dir", "../ops/config"));
        LOADED = new ReviewedConfigLoader().load(dir.resolve("partners.yaml"), dir.resolve("policies.yaml"));
    }

    private DemoConfiguration() {
    }
}
