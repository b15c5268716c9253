package io.gatehouse.policy.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The raw content of a policy directory at one moment: every {@code *.yaml} and {@code *.yml} file directly in it
 * (hidden files and subfolders are ignored), by name, with a SHA-256 over names and contents. Reading it is cheap
 * enough to do every second; parsing happens only when {@link #hash()} changes.
 *
 * @param directory the directory
 * @param exists whether it exists (and is a directory)
 * @param files the content of each file, sorted by name
 * @param problems files that could not be read (too large, unreadable)
 * @param hash lower-case hex SHA-256 over every file name and content, in name order
 */
public record PolicyFiles(Path directory, boolean exists, Map<String, byte[]> files, List<PolicyProblem> problems,
                          String hash) {

    /** The largest policy file read, in bytes. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    /** The most policy files read from one directory. */
    public static final int MAX_FILES = 1000;
    /** The most bytes read from one directory, all files together (the folder is read every poll). */
    public static final long MAX_TOTAL_BYTES = 16L * 1024 * 1024;

    /** Copies the collections. */
    public PolicyFiles {
        files = java.util.Collections.unmodifiableMap(new TreeMap<>(files));
        problems = List.copyOf(problems);
    }

    /**
     * @param directory the policy directory
     * @return its current content
     */
    public static PolicyFiles read(Path directory) {
        TreeMap<String, byte[]> files = new TreeMap<>();
        List<PolicyProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new PolicyFiles(directory, false, files, problems, hash(files));
        }
        long total = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (isPolicyFile(name) && Files.isRegularFile(entry)) {
                    if (files.size() >= MAX_FILES) {
                        problems.add(new PolicyProblem(name, 0, 0, "", "more than " + MAX_FILES + " policy files"));
                        break;
                    }
                    readFile(entry, name, files, problems);
                    total += files.containsKey(name) ? files.get(name).length : 0;
                    if (total > MAX_TOTAL_BYTES) {
                        problems.add(new PolicyProblem(name, 0, 0, "", "the policy files together exceed "
                                + MAX_TOTAL_BYTES + " bytes"));
                        break;
                    }
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return new PolicyFiles(directory, false, Map.of(), List.of(), hash(Map.of()));
        } catch (IOException e) {
            problems.add(new PolicyProblem(directory.toString(), 0, 0, "", "cannot list the directory: " + e));
        }
        return new PolicyFiles(directory, true, files, problems, hash(files));
    }

    private static void readFile(Path file, String name, Map<String, byte[]> files, List<PolicyProblem> problems) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                problems.add(new PolicyProblem(name, 0, 0, "", "larger than " + MAX_FILE_BYTES + " bytes"));
                return;
            }
            byte[] content = Files.readAllBytes(file);
            if (content.length > MAX_FILE_BYTES) {
                problems.add(new PolicyProblem(name, 0, 0, "", "larger than " + MAX_FILE_BYTES + " bytes"));
                return;
            }
            files.put(name, content);
        } catch (NoSuchFileException e) {
            // deleted while listing: the next poll sees the directory without it
        } catch (IOException e) {
            problems.add(new PolicyProblem(name, 0, 0, "", "cannot be read: " + e));
        }
    }

    /**
     * @param name a file name
     * @return whether it is read as policy: {@code *.yaml} or {@code *.yml}, not hidden
     */
    public static boolean isPolicyFile(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (lower.endsWith(".yaml") || lower.endsWith(".yml"));
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                digest.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(file.getValue());
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    /** @return the policy version of this content: the first 12 hex digits of {@link #hash()} */
    public String version() {
        return hash.substring(0, 12);
    }

    /** @return a key that changes whenever existence, problems or content change */
    public String fingerprint() {
        return exists + ":" + hash + ":" + problems;
    }
}
