package nl.iwa.hub.ops.options;

import java.util.Map;
import picocli.CommandLine.ITypeConverter;

/**
 * The hub's engine ({@code IWA_ENGINE}), as the local stack and the benchmark take it with {@code --engine}:
 * {@code classic}, one hub deciding everything with its state on the heap, or {@code streams}, the decide topology
 * per partition (Kafka Streams, state in RocksDB stores) on the re-keyed intake, where several hubs share the work in
 * one consumer group ({@code --hubs N}).
 */
public enum HubEngine {
    CLASSIC, STREAMS;

    /** Most hubs a run starts side by side (with {@link #STREAMS}; two cores hold three at most). */
    public static final int MAX_HUBS = 3;

    /** As written on the command line and in {@code IWA_ENGINE}. */
    public String id() {
        return CommandLineOptions.idOf(this);
    }

    /**
     * The hub's settings for this engine: {@code IWA_ENGINE}, and for {@link #STREAMS} the re-keyed intake it decides
     * from ({@code IWA_INTAKE_REKEYED=true}); with {@link #CLASSIC} the intake is re-keyed only if {@code rekeyed}.
     */
    public Map<String, String> env(boolean rekeyed) {
        return Map.of("IWA_ENGINE", id(), "IWA_INTAKE_REKEYED", Boolean.toString(rekeyed || this == STREAMS));
    }

    /** {@code hubs}, if in 1..{@link #MAX_HUBS} and, above 1, with {@code --engine streams}; a message naming both options otherwise. */
    public int hubs(int hubs) {
        CommandLineOptions.between("--hubs", hubs, 1, MAX_HUBS);
        if (hubs > 1 && this != STREAMS) {
            throw new IllegalArgumentException("--hubs " + hubs + " needs --engine streams: with --engine " + id()
                    + " only one hub may run (several hubs share the work only on the decide topology)");
        }
        return hubs;
    }

    /** {@code classic} or {@code streams}, in any case. */
    public static final class Converter implements ITypeConverter<HubEngine> {
        @Override
        public HubEngine convert(String value) {
            return CommandLineOptions.choice(HubEngine.class, value);
        }
    }
}
