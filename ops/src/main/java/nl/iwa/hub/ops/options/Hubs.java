package nl.iwa.hub.ops.options;

/**
 * How many hubs the local stack and the benchmark start side by side ({@code --hubs N}): they share the decide topic's
 * partitions in one consumer group (docs/engine-design.md).
 */
public final class Hubs {

    /** Most hubs a run starts side by side: two cores hold three at most. */
    public static final int MAX = 3;

    private Hubs() {
    }

    /** {@code hubs}, if in 1..{@link #MAX}; a message naming the option otherwise. */
    public static int checked(int hubs) {
        return CommandLineOptions.between("--hubs", hubs, 1, MAX);
    }
}
