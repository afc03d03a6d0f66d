package nl.iwa.hub.ops.bench;

/**
 * When the machine has settled: its CPU use stays below a share of its cores for a number of consecutive windows.
 * After an as-fast-as-possible pass the broker, the registry and the hub go on working for a while after the last
 * delivery (compaction, the hub's topologies catching up, garbage collection); a phase started then would measure
 * that aftermath. Each measured phase starts on a settled machine.
 */
final class QuietMachine {

    private final double maxCoreShare;
    private final int windows;
    private int quietSoFar;

    /**
     * @param maxCoreShare the CPU share of all cores (0.2 = 20 %) under which a window counts as quiet
     * @param windows      how many quiet windows in a row make the hub settled
     */
    QuietMachine(double maxCoreShare, int windows) {
        if (maxCoreShare <= 0 || windows < 1) {
            throw new IllegalArgumentException("a quiet machine needs a positive CPU share and at least one window");
        }
        this.maxCoreShare = maxCoreShare;
        this.windows = windows;
    }

    /** One window's CPU use (busy over total CPU time, 1.0 = every core busy); true once the machine has settled. */
    boolean observe(double coreShare) {
        quietSoFar = coreShare < maxCoreShare ? quietSoFar + 1 : 0;
        return quietSoFar >= windows;
    }
}
