package io.gatehouse.identity.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

/** Reads the committed seeds of a fuzz target, for invariants that compare an input with what was committed. */
public final class FuzzSeeds {

    private FuzzSeeds() {
    }

    /** Seeds whose file name starts with this were signed with the test's key when they were made. */
    public static final String SIGNED_PREFIX = "signed-";

    /**
     * @param test the fuzz test class
     * @param method the fuzz target method
     * @return the third dot-separated part (the JWS signature) of every committed seed named {@code signed-*}: the
     *         only signatures made with the test's key; any other signature part (a variant of one of these
     *         included) accepted by a verifier is a finding
     */
    public static Set<String> signatureParts(Class<?> test, String method) {
        String folder = test.getSimpleName() + "Inputs/" + method;
        URL url = test.getResource(folder);
        if (url == null) {
            throw new IllegalStateException("no seed folder " + folder + " next to " + test.getName());
        }
        Set<String> signatures = new HashSet<>();
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!file.getFileName().toString().startsWith(SIGNED_PREFIX)) {
                    continue;
                }
                String[] parts = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\\.", -1);
                if (parts.length == 3 && !parts[2].isEmpty()) {
                    signatures.add(parts[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return signatures;
    }
}
