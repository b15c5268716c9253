package io.gatehouse.runtime.internal.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsolePasswordTest {

    private final SecureRandom random = new SecureRandom();

    @TempDir
    Path data;

    @Test
    void generatedPasswordsAreLongAndDiffer() {
        String one = ConsolePassword.generate(random);
        assertThat(one).hasSize(24).matches("[A-Za-z2-9]+");
        assertThat(ConsolePassword.generate(random)).isNotEqualTo(one);
    }

    @Test
    void hashesVerifyAndAreSalted() {
        String hash = ConsolePassword.hash("correct horse", random);
        assertThat(hash).startsWith("{sha-256}").matches("\\{sha-256}[0-9a-f]{16}-1000-[A-Za-z0-9+/=]{44}");
        assertThat(ConsolePassword.matches(hash, "correct horse")).isTrue();
        assertThat(ConsolePassword.matches(hash, "correct horsE")).isFalse();
        assertThat(ConsolePassword.hash("correct horse", random)).isNotEqualTo(hash);
    }

    /** The Web Console itself must accept the hash: ask its own (package-private) Password class. */
    @Test
    void theWebConsolesOwnCheckAcceptsTheHash() throws Exception {
        Class<?> type = Class.forName("org.apache.felix.webconsole.internal.servlet.Password");
        String hash = ConsolePassword.hash("s3cret-Password", random);
        Constructor<?> constructor = type.getDeclaredConstructor(String.class);
        constructor.setAccessible(true);
        Method matches = type.getDeclaredMethod("matches", byte[].class);
        matches.setAccessible(true);
        Object password = constructor.newInstance(hash);
        assertThat(matches.invoke(password, (Object) "s3cret-Password".getBytes())).isEqualTo(true);
        assertThat(matches.invoke(password, (Object) "admin".getBytes())).isEqualTo(false);
    }

    @Test
    void firstStartGeneratesAndStoresOnlyTheHash() throws IOException {
        ConsoleCredentials first = ConsoleCredentials.resolve(Map.of(), "etc/x.cfg", data, random);
        assertThat(first.username()).isEqualTo("admin");
        assertThat(first.newPassword()).isPresent();
        Path stored = data.resolve(ConsoleCredentials.HASH_FILE);
        String content = Files.readString(stored);
        assertThat(content).doesNotContain(first.newPassword().get());
        assertThat(ConsolePassword.matches(content.trim(), first.newPassword().get())).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stored))).isEqualTo("rw-------");

        ConsoleCredentials second = ConsoleCredentials.resolve(Map.of(), "etc/x.cfg", data, random);
        assertThat(second.newPassword()).isEmpty();
        assertThat(second.passwordHash()).isEqualTo(first.passwordHash());
        assertThat(second.source()).isEqualTo("data/console-password");
    }

    @Test
    void anOperatorsPasswordInEtcWins() throws IOException {
        ConsoleCredentials credentials = ConsoleCredentials.resolve(Map.of("username", "ops", "password",
                "{sha-256}abc"), "etc/console.cfg", data, random);
        assertThat(credentials.username()).isEqualTo("ops");
        assertThat(credentials.passwordHash()).isEqualTo("{sha-256}abc");
        assertThat(credentials.newPassword()).isEmpty();
        assertThat(credentials.source()).isEqualTo("etc/console.cfg");
        assertThat(data.resolve(ConsoleCredentials.HASH_FILE)).doesNotExist();
    }
}
