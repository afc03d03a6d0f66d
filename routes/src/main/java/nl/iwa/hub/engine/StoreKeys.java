package nl.iwa.hub.engine;

/**
 * Composite keys of the decide task's stores: parts joined by a separator no id or pseudonym contains, so that a
 * prefix scan over the first part finds exactly its entries (RocksDB orders keys by their bytes).
 */
final class StoreKeys {

    static final char SEPARATOR = '\u001f';

    private StoreKeys() {
    }

    static String of(String first, String second) {
        return first + SEPARATOR + second;
    }

    /** Epoch millis, zero-padded, so that entries of one resident scan oldest first. */
    static String time(java.time.Instant at) {
        return String.format("%020d", at.toEpochMilli());
    }
}
