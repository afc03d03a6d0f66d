package nl.iwa.hub.transport;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells trouble with the infrastructure (broker or registry unreachable, a timeout, the hub stopping, another
 * hub taking over) from a failure that a record causes every time it is written. The first is waited out:
 * intake pauses and the same records are tried again. The second must not block intake for every partner:
 * after a few tries the record is parked on the dead-letter topic.
 */
public final class Failures {

    private Failures() {
    }

    public static boolean isTransient(Throwable e) {
        return anyCause(e, t -> t instanceof RetriableException
                || t instanceof RegistryUnavailableException
                || t instanceof InterruptException
                || t instanceof InterruptedException
                || t instanceof ProducerFencedException
                || t instanceof InvalidProducerEpochException);
    }

    /** Whether the schema registry could not be reached: a topology pauses until it answers again. */
    public static boolean isRegistryOutage(Throwable e) {
        return anyCause(e, t -> t instanceof RegistryUnavailableException);
    }

    private static boolean anyCause(Throwable e, java.util.function.Predicate<Throwable> test) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (test.test(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * The name ops see for a failure (a dead letter's error class, a log line). The Kafka producer reports a
     * record's fault either directly or, depending on when its sender thread noticed it, wrapped in a plain
     * {@link KafkaException} ("transactional method in an error state"); the name is that of the fault, not of
     * the wrapper, so the same record is named the same way however the timing falls. Only class names: a
     * message may carry a value.
     */
    public static String nameOf(Throwable e) {
        Throwable t = e;
        while (t.getClass() == KafkaException.class && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
