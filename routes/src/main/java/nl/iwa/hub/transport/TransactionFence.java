package nl.iwa.hub.transport;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's transactional producer, initialised before the hub reads any of its own topics at start-up.
 *
 * <p>Why first: {@code initTransactions} fences the instance that ran before with the same transactional id and
 * waits until that instance's last transaction has ended, aborted if it was still open and committed if the
 * instance died after asking to commit. In the second case the commit markers are written by the broker after
 * the instance is gone; a read before they are there sees the topics without that transaction, while the
 * consumer offsets it committed become visible a moment later. A hub that loaded its state then would continue
 * the audit chain from an older head (the next start-up refuses the forked trail) and forget the consents and
 * handoffs of that transaction. Reading only after the fence rules that out.
 */
public final class TransactionFence implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionFence.class);
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private Producer<String, byte[]> producer;

    private TransactionFence(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Fences the earlier instance; waits (up to 90 s, e.g. for a broker still starting) until that is done. */
    public static TransactionFence raise(KafkaConnection kafka, String transactionalId) {
        Producer<String, byte[]> producer = new KafkaProducer<>(TransactionalPublisher.producerConfig(kafka, transactionalId),
                new StringSerializer(), new ByteArraySerializer());
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                producer.initTransactions();
                return new TransactionFence(producer);
            } catch (TimeoutException e) {
                // retriable by contract: the broker or the transaction coordinator is not there yet
                if (Instant.now().isAfter(deadline)) {
                    producer.close(Duration.ZERO);
                    throw new IllegalStateException("could not take over the hub's transactions within " + PATIENCE
                            + ": is the broker reachable?", e);
                }
                LOG.info("waiting for the transaction coordinator to take over the hub's transactions");
            } catch (RuntimeException e) {
                producer.close(Duration.ZERO);
                throw e;
            }
        }
    }

    /** No producer to hand over: for unit tests, whose publisher makes its own. */
    static TransactionFence none() {
        return new TransactionFence(null);
    }

    /** The initialised producer, once: the publisher's first producer, so the fence costs no second init. */
    synchronized Optional<Producer<String, byte[]>> handOver() {
        Optional<Producer<String, byte[]>> p = Optional.ofNullable(producer);
        producer = null;
        return p;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
