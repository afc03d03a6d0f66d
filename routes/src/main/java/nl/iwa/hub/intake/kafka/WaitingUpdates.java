package nl.iwa.hub.intake.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The updates waiting for one handoff, in arrival order, as one store value: each with when it arrived, its
 * headers (the origin the re-keying step set) and its value as the partner wrote it. A small binary layout of
 * our own, because it never leaves the store and its changelog.
 */
final class WaitingUpdates {

    /** Layout version, first in every value, so a later layout can still read what a running hub left behind. */
    private static final int LAYOUT = 1;

    record Waiting(long arrivedAt, Headers headers, byte[] value) {
    }

    private WaitingUpdates() {
    }

    static byte[] write(List<Waiting> list) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(LAYOUT);
            out.writeInt(list.size());
            for (Waiting w : list) {
                out.writeLong(w.arrivedAt());
                Header[] headers = w.headers().toArray();
                out.writeInt(headers.length);
                for (Header h : headers) {
                    out.writeUTF(h.key());
                    writeBytes(out, h.value());
                }
                writeBytes(out, w.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The waiting updates in a store value; none for null. */
    static List<Waiting> read(byte[] stored) {
        if (stored == null) {
            return List.of();
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            int layout = in.readInt();
            if (layout != LAYOUT) {
                throw new IllegalStateException("waiting handoff updates in an unknown layout " + layout);
            }
            int n = in.readInt();
            List<Waiting> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                long arrivedAt = in.readLong();
                int headerCount = in.readInt();
                Headers headers = new RecordHeaders();
                for (int j = 0; j < headerCount; j++) {
                    headers.add(in.readUTF(), readBytes(in));
                }
                list.add(new Waiting(arrivedAt, headers, readBytes(in)));
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        if (b == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        return in.readNBytes(n);
    }
}
