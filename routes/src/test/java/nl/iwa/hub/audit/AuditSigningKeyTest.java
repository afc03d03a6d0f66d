package nl.iwa.hub.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.iwa.hub.testkit.pki.AuditKeyFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditSigningKeyTest {

    /** Decide tasks on different stream threads seal their chains' heads with the one key at the same time. */
    @Test
    void signaturesMadeOnSeveralThreadsAtOnceEachVerify() throws Exception {
        AuditSigningKey key = AuditSigningKey.fromPemFile(AuditKeyFile.ensure(dir.resolve("k.pem")));
        TrustedKeys trusted = new TrustedKeys(List.of(key.publicKey()));
        int threads = 4;
        int each = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> bad = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Integer> signing = () -> {
                    start.await();
                    int failed = 0;
                    for (int i = 0; i < each; i++) {
                        String text = "head of chain " + thread + " after record " + i;
                        if (!trusted.verify(key.keyId(), text, key.sign(text))) {
                            failed++;
                        }
                    }
                    return failed;
                };
                bad.add(pool.submit(signing));
            }
            start.countDown();
            int failed = 0;
            for (Future<Integer> f : bad) {
                failed += f.get();
            }
            assertThat(failed).as("signatures that do not verify, of " + threads * each).isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @TempDir
    Path dir;
}
