package io.gatehouse.plugins.aws.json.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.api.adapter.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every shipped table is valid; a table with any mistake is refused as a whole, saying what is wrong. */
class ServiceTableReaderTest {

    private static final String VALID = "{'service':'demo','protocol':'AWS_JSON_1_1','target':'Demo.',"
            + "'resourceTypes':{'thing':{'forms':[{'match':'[a-z]{1,10}','arn':'arn:{partition}:{service}:{region}:"
            + "{account}:thing/{0}'}]}},'operations':[{'action':'GetThing','resources':[{'type':'thing','from':['Name']}]}]}";

    record Broken(String name, String table, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"secretsmanager", "ssm", "kms", "logs", "lambda"})
    void shippedTablesAreValid(String name) {
        ServiceTable table = Tables.table(name);

        assertThat(table.service()).isEqualTo(name);
        assertThat(table.operations()).isNotEmpty();
        assertThat(table.protocol()).isIn(Protocol.AWS_JSON_1_1, Protocol.REST_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"secretsmanager", "ssm", "kms", "logs", "lambda"})
    void noTwoRoutesOfATableMatchTheSameShape(String name) {
        ServiceTable table = Tables.table(name);
        if (!table.isRest()) {
            return;
        }
        for (Operation a : table.operations()) {
            for (Operation b : table.operations()) {
                if (a != b) {
                    assertThat(overlap(a.route(), b.route())).as(a.route() + " vs " + b.route()).isFalse();
                }
            }
        }
    }

    static Stream<Broken> brokenTables() {
        return Stream.of(
                new Broken("not JSON", "{", "not valid JSON"),
                new Broken("unknown key (typo)", VALID.replace("'operations'", "'operation'"), "unknown key 'operation'"),
                new Broken("unknown protocol", VALID.replace("AWS_JSON_1_1", "QUERY"), "protocol is"),
                new Broken("JSON protocol without target", VALID.replace("'target':'Demo.',", ""), "'target'"),
                new Broken("unknown resource type", VALID.replace("'type':'thing'", "'type':'thin'"),
                        "unknown resource type thin"),
                new Broken("pattern that does not compile", VALID.replace("[a-z]{1,10}", "[a-z"), "invalid pattern"),
                new Broken("unknown placeholder", VALID.replace("{partition}", "{partiton}"), "unknown placeholder"),
                new Broken("duplicate action", VALID.substring(0, VALID.length() - 2) + ",{'action':'GetThing'}]}",
                        "GetThing is listed twice"),
                new Broken("bad member reference", VALID.replace("['Name']", "['a.b']"), "not a member reference"),
                new Broken("list member with alternatives", VALID.replace("['Name']", "['Names[]','Name']"),
                        "must be alone"),
                new Broken("REST operation without http",
                        VALID.replace("'protocol':'AWS_JSON_1_1','target':'Demo.',", "'protocol':'REST_JSON',"),
                        "'http'"),
                new Broken("bad service name", VALID.replace("'demo'", "'Demo Service'"), "service"),
                new Broken("ranking not an integer", VALID.replace("'service':'demo',", "'service':'demo','ranking':'9',"),
                        "'ranking' must be an integer"),
                new Broken("optional not a boolean", VALID.replace("'from':['Name']", "'from':['Name'],'optional':'yes'"),
                        "'optional' must be true or false"),
                new Broken("list member as a parameter", VALID.substring(0, VALID.length() - 1)
                        + ",'parameters':{'Names[]':'Names'}}", "must be a single member"),
                new Broken("count of a single member", VALID.substring(0, VALID.length() - 1)
                        + ",'counts':{'ItemCount':'Name'}}", "must be a list member"));
    }

    @ParameterizedTest
    @MethodSource("brokenTables")
    void refusesBrokenTables(Broken broken) {
        byte[] bytes = broken.table().replace('\'', '"').getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new ServiceTableReader().read(bytes, "test.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining(broken.message());
    }

    private static boolean overlap(Route a, Route b) {
        if (!a.method().equals(b.method()) || a.segments().size() != b.segments().size()) {
            return false;
        }
        return IntStream.range(0, a.segments().size()).allMatch(i -> {
                    String x = a.segments().get(i);
                    String y = b.segments().get(i);
                    return x.equals(y) || Route.isVariable(x) && !y.isEmpty() || Route.isVariable(y) && !x.isEmpty();
                });
    }
}
