package io.gatehouse.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CfgFileTest {

    @TempDir
    Path etc;

    @Test
    void readsKeysAndTakesThePidFromTheFileName() throws IOException {
        CfgFile file = read("io.gatehouse.proxy.cfg", "# comment\nhost = 127.0.0.1\n! other comment\nport=7700\n"
                + "  spaced   =   value with spaces  \n");
        assertThat(file.pid()).isEqualTo("io.gatehouse.proxy");
        assertThat(file.isFactory()).isFalse();
        assertThat(file.values()).containsExactlyInAnyOrderEntriesOf(Map.of("host", "127.0.0.1", "port", "7700",
                "spaced", "value with spaces"));
    }

    @Test
    void theFactoryPidEndsAtTheFirstDash() throws IOException {
        CfgFile file = read("io.gatehouse.proxy.endpoint-dynamodb-local.cfg", "service = dynamodb\n");
        assertThat(file.pid()).isEqualTo("io.gatehouse.proxy.endpoint");
        assertThat(file.factoryName()).hasValue("dynamodb-local");
    }

    @Test
    void variablesAreReplacedAndUnknownOnesBecomeEmpty() throws IOException {
        CfgFile file = read("x.cfg", "dir = ${gatehouse.home}/data\nnone = [${nothing}]\n");
        assertThat(file.values()).containsEntry("dir", "/opt/gatehouse/data").containsEntry("none", "[]");
    }

    @Test
    void aFileInFileInstallsTypedSyntaxIsUnwrapped() throws IOException {
        assertThat(read("t.cfg", "port = I\"7700\"\nhost = \"127.0.0.1\"\n").values())
                .containsExactlyInAnyOrderEntriesOf(Map.of("port", "7700", "host", "127.0.0.1"));
    }

    @Test
    void quotesInAnUntypedFileStay() throws IOException {
        assertThat(read("u.cfg", "name = \"quoted\"\nport = 7700\n").values()).containsEntry("name", "\"quoted\"");
    }

    @Test
    void utf8ValuesSurvive() throws IOException {
        assertThat(read("n.cfg", "subject = Zoë\n").values()).containsEntry("subject", "Zoë");
    }

    @Test
    void aBrokenEscapeIsAnErrorNamingTheFile() throws IOException {
        Path path = etc.resolve("bad.cfg");
        Files.writeString(path, "key = \\uZZZZ\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CfgFile.read(path, "etc/bad.cfg", name -> null)).isInstanceOf(IOException.class)
                .hasMessageStartingWith("etc/bad.cfg: ");
    }

    @Test
    void theDirectoryReadsOnlyCfgFiles() throws IOException {
        read("a.cfg", "k = v\n");
        Files.writeString(etc.resolve("b.cfg.example"), "k = v\n");
        Files.writeString(etc.resolve("c.config"), "k = v\n");
        EtcDirectory directory = EtcDirectory.read(etc, p -> "etc/" + p.getFileName(), name -> null);
        assertThat(directory.files()).extracting(CfgFile::pid).containsExactly("a");
        assertThat(directory.valuesOf("a")).containsEntry("k", "v");
        assertThat(directory.valuesOf("missing")).isEmpty();
    }

    private CfgFile read(String name, String content) throws IOException {
        Path path = etc.resolve(name);
        Files.writeString(path, content, StandardCharsets.UTF_8);
        return CfgFile.read(path, "etc/" + name, variable -> variable.equals("gatehouse.home") ? "/opt/gatehouse"
                : null);
    }
}
