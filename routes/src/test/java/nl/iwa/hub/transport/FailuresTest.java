package nl.iwa.hub.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new TimeoutException("broker gone"), true),
                Arguments.of(new KafkaException("publishing failed", new NetworkException("reset")), true),
                Arguments.of(new RegistryUnavailableException("down", new RuntimeException()), true),
                Arguments.of(new ProducerFencedException("another hub"), true),
                Arguments.of(new RecordTooLargeException("too large for the inbox"), false),
                Arguments.of(new SerializationException("cannot encode"), false),
                Arguments.of(new IllegalStateException("a bug"), false),
                Arguments.of(new KafkaException("publishing failed", new RecordTooLargeException("x")), false));
    }

    @ParameterizedTest(name = "{0} transient: {1}")
    @MethodSource("failures")
    void tellsInfrastructureTroubleFromARecordsFault(Throwable failure, boolean transientExpected) {
        assertThat(Failures.isTransient(failure)).isEqualTo(transientExpected);
    }

    @org.junit.jupiter.api.Test
    void tellsARegistryOutageFromOtherTrouble() {
        RegistryUnavailableException outage = new RegistryUnavailableException("down", new RuntimeException());
        assertThat(Failures.isRegistryOutage(new org.apache.kafka.streams.errors.StreamsException("task failed", outage))).isTrue();
        assertThat(Failures.isRegistryOutage(new TimeoutException("broker gone"))).isFalse();
        assertThat(Failures.isRegistryOutage(new IllegalStateException("a bug"))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void namesTheFaultNotKafkasGenericWrapper() {
        RecordTooLargeException fault = new RecordTooLargeException("too large");
        assertThat(Failures.nameOf(fault)).isEqualTo("RecordTooLargeException");
        assertThat(Failures.nameOf(new KafkaException("error state", new KafkaException("again", fault))))
                .isEqualTo("RecordTooLargeException");
        assertThat(Failures.nameOf(new KafkaException("no cause"))).isEqualTo("KafkaException");
        // a specific Kafka exception is its own name, whatever it wraps
        assertThat(Failures.nameOf(new SerializationException("cannot encode", new IllegalStateException())))
                .isEqualTo("SerializationException");
    }
}
