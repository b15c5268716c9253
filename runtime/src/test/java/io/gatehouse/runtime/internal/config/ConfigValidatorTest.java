package io.gatehouse.runtime.internal.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigValidatorTest {

    /** The shape bnd generates from the proxy's, the access keys' and the static credentials' config annotations. */
    private static final String METATYPE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <metatype:MetaData xmlns:metatype="http://www.osgi.org/xmlns/metatype/v1.2.0">
              <OCD id="io.gatehouse.proxy" name="Gatehouse data plane">
                <AD id="host" type="String" default="127.0.0.1"/>
                <AD id="port" type="Integer" min="1" max="65535" default="7700"/>
                <AD id="max.body.bytes" type="Long" min="0" max="1073741824" default="16777216"/>
                <AD id="request.timeout.seconds" type="Integer" min="1" default="55"/>
                <AD id="partition" type="String" default="aws">
                  <Option label="aws" value="aws"/>
                  <Option label="aws-cn" value="aws-cn"/>
                </AD>
                <AD id="tls" type="Boolean" default="false"/>
              </OCD>
              <Designate pid="io.gatehouse.proxy"><Object ocdref="io.gatehouse.proxy"/></Designate>
              <OCD id="io.gatehouse.proxy.accesskey" name="Gatehouse client access key">
                <AD id="access.key.id" type="String" min="16" max="128"/>
                <AD id="secret.access.key" type="Password" min="16"/>
                <AD id="subject" type="String"/>
                <AD id="groups" type="String" required="false" default=""/>
              </OCD>
              <Designate factoryPid="io.gatehouse.proxy.accesskey"><Object ocdref="io.gatehouse.proxy.accesskey"/></Designate>
              <OCD id="io.gatehouse.credentials.static" name="Gatehouse static upstream credentials">
                <AD id="access.key.id" type="String"/>
                <AD id="secret.access.key" type="Password"/>
                <AD id="session.token" type="Password" required="false" default=""/>
              </OCD>
              <Designate pid="io.gatehouse.credentials.static"><Object ocdref="io.gatehouse.credentials.static"/></Designate>
            </metatype:MetaData>
            """;

    private final ConfigValidator validator = new ConfigValidator(FelixMetatype.of(METATYPE),
            BuiltInRules.defaults());

    @Test
    void theDocumentedDefaultsPass() {
        assertThat(validate("io.gatehouse.proxy", null, Map.of("host", "127.0.0.1", "port", "7700",
                "max.body.bytes", "16777216", "request.timeout.seconds", "55", "partition", "aws", "tls", "false")))
                .isEmpty();
    }

    @Test
    void aPortThatIsNoNumberNamesFileKeyAndRange() {
        assertThat(render(validate("io.gatehouse.proxy", null, Map.of("port", "abc")))).containsExactly(
                "etc/io.gatehouse.proxy.cfg: port = 'abc' is not allowed: expected an integer between 1 and 65535");
    }

    @ParameterizedTest
    @CsvSource({"0, an integer between 1 and 65535", "65536, an integer between 1 and 65535",
        "-5, an integer between 1 and 65535", "7700.5, an integer between 1 and 65535"})
    void portsOutOfRangeAreRefused(String value, String allowed) {
        assertThat(render(validate("io.gatehouse.proxy", null, Map.of("port", value)))).containsExactly(
                "etc/io.gatehouse.proxy.cfg: port = '" + value + "' is not allowed: expected " + allowed);
    }

    @Test
    void openRangesAndLongsAreDescribed() {
        assertThat(render(validate("io.gatehouse.proxy", null, Map.of("request.timeout.seconds", "0",
                "max.body.bytes", "-1")))).containsExactly(
                "etc/io.gatehouse.proxy.cfg: max.body.bytes = '-1' is not allowed: expected an integer between 0 "
                        + "and 1073741824",
                "etc/io.gatehouse.proxy.cfg: request.timeout.seconds = '0' is not allowed: expected an integer of "
                        + "at least 1");
    }

    @Test
    void optionsAndBooleansAreChecked() {
        assertThat(render(validate("io.gatehouse.proxy", null, Map.of("partition", "mars", "tls", "yes"))))
                .containsExactly(
                        "etc/io.gatehouse.proxy.cfg: partition = 'mars' is not allowed: expected one of aws, aws-cn",
                        "etc/io.gatehouse.proxy.cfg: tls = 'yes' is not allowed: expected true or false");
    }

    @Test
    void anEmptyNumberIsRefused() {
        assertThat(render(validate("io.gatehouse.proxy", null, Map.of("port", ""))))
                .containsExactly("etc/io.gatehouse.proxy.cfg: port is empty: expected an integer between 1 and 65535");
    }

    @Test
    void unknownKeysAreErrorsWithASuggestion() {
        List<ConfigProblem> problems = validate("io.gatehouse.proxy", null, Map.of("prot", "7700"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.render()).startsWith("etc/io.gatehouse.proxy.cfg: unknown key 'prot' (did you mean 'port'?)")
                    .contains("host, max.body.bytes, partition, port");
        });
    }

    @Test
    void frameworkKeysAreNotUnknown() {
        assertThat(validate("io.gatehouse.proxy", null, Map.of("service.ranking", "5",
                "felix.fileinstall.filename", "file:/x", "adapters.target", "(x=y)"))).isEmpty();
    }

    @Test
    void factoryConfigurationsAreCheckedAgainstTheFactoryDescription() {
        assertThat(render(validate("io.gatehouse.proxy.accesskey", "alice", Map.of("access.key.id", "SHORT",
                "secret.access.key", "tiny", "subject", "alice")))).containsExactly(
                "etc/io.gatehouse.proxy.accesskey-alice.cfg: access.key.id = 'SHORT' is not allowed: expected a "
                        + "text of 16 to 128 characters",
                "etc/io.gatehouse.proxy.accesskey-alice.cfg: secret.access.key = '****' is not allowed: expected "
                        + "a text of at least 16 characters");
    }

    @Test
    void missingRequiredKeysAreErrorsWhenTheFileSetsOthers() {
        assertThat(render(validate("io.gatehouse.proxy.accesskey", "bob", Map.of("access.key.id",
                "AKIDEXAMPLEEXAMPLE01")))).containsExactly(
                "etc/io.gatehouse.proxy.accesskey-bob.cfg: secret.access.key is missing: expected a text of at "
                        + "least 16 characters",
                "etc/io.gatehouse.proxy.accesskey-bob.cfg: subject is missing: expected a text");
    }

    @Test
    void aFileWithEveryKeyCommentedOutIsOnlyAWarning() {
        List<ConfigProblem> problems = validate("io.gatehouse.credentials.static", null, Map.of());
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.render()).contains("sets no keys").contains("access.key.id, secret.access.key are set");
        });
    }

    @Test
    void aBlankRequiredTextIsRefusedButAnOptionalOneIsNot() {
        assertThat(render(validate("io.gatehouse.credentials.static", null, Map.of("access.key.id", "",
                "secret.access.key", "s3cr3t", "session.token", "")))).containsExactly(
                "etc/io.gatehouse.credentials.static.cfg: access.key.id is empty: expected a text");
    }

    @Test
    void secretsAreNeverEchoed() {
        List<String> lines = render(validate("io.gatehouse.proxy.accesskey", "x", Map.of("access.key.id",
                "AKIDEXAMPLEEXAMPLE01", "secret.access.key", "hunter2", "subject", "x")));
        assertThat(lines).singleElement().asString().contains("'****'").doesNotContain("hunter2");
    }

    @Test
    void aFactoryPidWithoutNameAndASingletonWithNameAreNamedErrors() {
        assertThat(render(validate("io.gatehouse.proxy.accesskey", null, Map.of()))).singleElement().asString()
                .contains("is a factory configuration: name the file io.gatehouse.proxy.accesskey-NAME.cfg");
        assertThat(render(validate("io.gatehouse.proxy", "second", Map.of()))).singleElement().asString()
                .contains("is not a factory configuration: name the file io.gatehouse.proxy.cfg");
    }

    @Test
    void undescribedPidsAreWarnings() {
        List<ConfigProblem> problems = validate("com.example.unknown", null, Map.of("a", "b"));
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.render()).contains("no installed bundle describes PID 'com.example.unknown'");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "0", "70000", ""})
    void theControlPlanePortIsCheckedWithoutMetatype(String port) {
        assertThat(render(validate(BuiltInRules.HTTP_PID, null, Map.of(BuiltInRules.HTTP_PORT, port))))
                .containsExactly("etc/org.apache.felix.http.cfg: org.osgi.service.http.port = '" + port
                        + "' is not allowed: expected an integer between 1 and 65535");
    }

    @Test
    void theIgnoredHttpHostKeyIsAnError() {
        assertThat(render(validate(BuiltInRules.HTTP_PID, null, Map.of("org.osgi.service.http.host", "127.0.0.1",
                BuiltInRules.HTTP_HOST, "bad host")))).containsExactly(
                "etc/org.apache.felix.http.cfg: org.apache.felix.http.host = 'bad host' is not allowed: expected a "
                        + "host name or IP address, e.g. 127.0.0.1",
                "etc/org.apache.felix.http.cfg: org.osgi.service.http.host is ignored by Felix HTTP (it would "
                        + "listen on every interface): use org.apache.felix.http.host instead");
    }

    @Test
    void aClearTextConsolePasswordIsAWarning() {
        List<ConfigProblem> problems = validate(BuiltInRules.CONSOLE_PID, null, Map.of("password", "letmein"));
        assertThat(problems).singleElement().satisfies(p -> assertThat(p.isError()).isFalse());
        assertThat(validate(BuiltInRules.CONSOLE_PID, null, Map.of("password", "{sha-256}ab-1000-xyz="))).isEmpty();
    }

    private List<ConfigProblem> validate(String pid, String factoryName, Map<String, String> values) {
        String name = "etc/" + pid + (factoryName == null ? "" : "-" + factoryName) + ".cfg";
        return validator.validate(new CfgFile(java.nio.file.Path.of(name), name, pid, Optional.ofNullable(factoryName),
                values));
    }

    private static List<String> render(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::render).collect(Collectors.toList());
    }
}
