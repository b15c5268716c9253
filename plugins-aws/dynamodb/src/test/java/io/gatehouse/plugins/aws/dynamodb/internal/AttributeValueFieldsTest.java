package io.gatehouse.plugins.aws.dynamodb.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.adapter.ResponseFields;
import io.gatehouse.api.adapter.ResponseFields.Field;
import io.gatehouse.api.exchange.AwsOperation;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.ResponseView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The attribute values of DynamoDB responses as masking sees them, and the responses it gets back. */
class AttributeValueFieldsTest {

    private static final AwsOperation GET_ITEM = new AwsOperation("dynamodb", "GetItem", Calls.REGION,
            List.of(Calls.arn("table/Orders")), Map.of());

    private final DynamoDbAdapter adapter = new DynamoDbAdapter(DynamoDbAdapterConfig.DEFAULT_MAX_NESTING_DEPTH);

    private static String j(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static final String NESTED_ITEM = j("{'Item':{"
            + "'email':{'S':'ann@example.com'},"
            + "'age':{'N':'42'},"
            + "'photo':{'B':'aGVsbG8='},"
            + "'active':{'BOOL':true},'gone':{'NULL':true},"
            + "'address':{'M':{'city':{'S':'Oslo'},'geo':{'L':[{'N':'59.9'},{'M':{'label':{'S':'home'}}}]}}},"
            + "'tags':{'SS':['vip','beta']},'scores':{'NS':['1','2.5']},'blobs':{'BS':['AQ==']},"
            + "'e.mail':{'S':'dotted@example.com'}},"
            + "'ConsumedCapacity':{'TableName':'Orders','CapacityUnits':0.5}}");

    @Test
    void exposesEveryTextValueOfANestedItem() throws DecodeException {
        assertThat(fields(NESTED_ITEM).fields()).containsExactly(
                new Field("Item.email.S", "ann@example.com"),
                new Field("Item.age.N", "42"),
                new Field("Item.photo.B", "aGVsbG8="),
                new Field("Item.address.M.city.S", "Oslo"),
                new Field("Item.address.M.geo.L[0].N", "59.9"),
                new Field("Item.address.M.geo.L[1].M.label.S", "home"),
                new Field("Item.tags.SS[0]", "vip"),
                new Field("Item.tags.SS[1]", "beta"),
                new Field("Item.scores.NS[0]", "1"),
                new Field("Item.scores.NS[1]", "2.5"),
                new Field("Item.blobs.BS[0]", "AQ=="),
                new Field("Item[\"e.mail\"].S", "dotted@example.com"));
    }

    static Stream<Arguments> responses() {
        return Stream.of(
                Arguments.of("Query with LastEvaluatedKey", j("{'Items':[{'pk':{'S':'a'}},{'pk':{'S':'b'},"
                                + "'tags':{'SS':['x','y']}}],'Count':2,'ScannedCount':2,'LastEvaluatedKey':{'pk':{'S':'b'}}}"),
                        List.of(new Field("Items[0].pk.S", "a"), new Field("Items[1].pk.S", "b"),
                                new Field("Items[1].tags.SS[0]", "x"), new Field("Items[1].tags.SS[1]", "y"),
                                new Field("LastEvaluatedKey.pk.S", "b"))),
                Arguments.of("UpdateItem with ReturnValues", j("{'Attributes':{'n':{'N':'7'}}}"),
                        List.of(new Field("Attributes.n.N", "7"))),
                Arguments.of("BatchGetItem, dotted table name", j("{'Responses':{'Orders':[{'pk':{'S':'a'}}],"
                                + "'audit.log':[{'id':{'S':'z'}}]},'UnprocessedKeys':{'Orders':{'Keys':[{'pk':{'S':'u'}}]}}}"),
                        List.of(new Field("Responses.Orders[0].pk.S", "a"),
                                new Field("Responses[\"audit.log\"][0].id.S", "z"))),
                Arguments.of("TransactGetItems", j("{'Responses':[{'Item':{'pk':{'S':'a'}}},{},"
                                + "{'Item':{'pk':{'S':'c'}}}]}"),
                        List.of(new Field("Responses[0].Item.pk.S", "a"), new Field("Responses[2].Item.pk.S", "c"))),
                Arguments.of("BatchExecuteStatement with an error item", j("{'Responses':[{'TableName':'Orders',"
                                + "'Item':{'pk':{'S':'a'}}},{'Error':{'Code':'ConditionalCheckFailed','Message':'m',"
                                + "'Item':{'pk':{'S':'old'}}}}]}"),
                        List.of(new Field("Responses[0].Item.pk.S", "a"), new Field("Responses[1].Error.Item.pk.S", "old"))),
                Arguments.of("DescribeTable has no item data", j("{'Table':{'TableName':'Orders','ItemCount':3}}"),
                        List.of()),
                Arguments.of("names with quotes and brackets", j("{'Item':{'a\\'b[0]':{'S':'q'}}}"),
                        List.of(new Field("Item[\"a\\\"b[0]\"].S", "q"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responses")
    void exposesTheItemsOfEveryResponseShape(String name, String body, List<Field> expected) throws DecodeException {
        assertThat(fields(body).fields()).containsExactlyElementsOf(expected);
    }

    @Test
    void encodeReplacesOneValueAndKeepsTheRest() throws DecodeException, IOException {
        ResponseFields fields = fields(NESTED_ITEM);

        byte[] encoded = fields.encode(Map.of("Item.address.M.city.S", "*****"));

        JsonNode expected = Calls.MAPPER.readTree(NESTED_ITEM);
        ((ObjectNode) expected.at("/Item/address/M/city")).put("S", "*****");
        assertThat(Calls.MAPPER.readTree(encoded)).isEqualTo(expected);
        assertThat(fields.fields()).contains(new Field("Item.address.M.city.S", "Oslo"));
    }

    @Test
    void encodeReplacesSetMembersAndQuotedNames() throws DecodeException, IOException {
        byte[] encoded = fields(NESTED_ITEM).encode(Map.of("Item.tags.SS[1]", "[tag]",
                "Item[\"e.mail\"].S", "[email]", "Item.nothing.S", "ignored"));

        JsonNode tree = Calls.MAPPER.readTree(encoded);
        assertThat(tree.at("/Item/tags/SS").toString()).isEqualTo("[\"vip\",\"[tag]\"]");
        assertThat(tree.at("/Item/e.mail/S").textValue()).isEqualTo("[email]");
        assertThat(tree.at("/Item/email/S").textValue()).isEqualTo("ann@example.com");
        assertThat(tree.has("nothing")).isFalse();
    }

    @Test
    void encodeWithoutAMatchReturnsTheOriginalBytes() throws DecodeException {
        String spaced = "{ \"Item\" : { \"pk\" : { \"S\" : \"a\" } } }";

        assertThat(fields(spaced).encode(Map.of("Item.other.S", "x"))).isEqualTo(spaced.getBytes(StandardCharsets.UTF_8));
        assertThat(fields(spaced).encode(Map.of())).isEqualTo(spaced.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encodeKeepsNumbersExact() throws DecodeException {
        byte[] encoded = fields(NESTED_ITEM).encode(Map.of("Item.age.N", "0"));

        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("\"CapacityUnits\":0.5}");
    }

    @Test
    void encodingTwiceStartsFromTheOriginalEachTime() throws DecodeException, IOException {
        ResponseFields fields = fields(NESTED_ITEM);

        fields.encode(Map.of("Item.email.S", "first"));
        byte[] second = fields.encode(Map.of("Item.age.N", "0"));

        assertThat(Calls.MAPPER.readTree(second).at("/Item/email/S").textValue()).isEqualTo("ann@example.com");
    }

    @Test
    void errorsAndOtherContentAreOpaque() throws DecodeException {
        String error = j("{'__type':'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException','message':'m'}");

        assertThat(adapter.responseFields(GET_ITEM, Calls.response(400, "application/x-amz-json-1.0", error))).isEmpty();
        assertThat(adapter.responseFields(GET_ITEM, Calls.response(500, "application/x-amz-json-1.0", error))).isEmpty();
        assertThat(adapter.responseFields(GET_ITEM, Calls.response(200, "text/html", "<html/>"))).isEmpty();
        assertThat(adapter.responseFields(GET_ITEM, Calls.response(200, "application/x-amz-json-1.0", ""))).isEmpty();
    }

    @Test
    void aResponseWithoutContentTypeIsStillRead() throws DecodeException {
        ResponseView response = new ResponseView(200, Headers.empty(),
                Body.of(j("{'Item':{'pk':{'S':'a'}}}").getBytes(StandardCharsets.UTF_8)));

        assertThat(adapter.responseFields(GET_ITEM, response).orElseThrow().fields())
                .containsExactly(new Field("Item.pk.S", "a"));
    }

    @Test
    void refusesAMalformedSuccessResponse() {
        DecodeException e = catchThrowableOfType(DecodeException.class,
                () -> adapter.responseFields(GET_ITEM, Calls.response("{\"Item\":")));

        assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
        assertThat(e.getMessage()).startsWith("DynamoDB response body is not valid JSON");
    }

    @Test
    void refusesADuplicateAttributeThatCouldHideAValue() {
        DecodeException e = catchThrowableOfType(DecodeException.class, () -> adapter.responseFields(GET_ITEM,
                Calls.response(j("{'Item':{'card':{'S':'4111111111111111'},'card':{'S':'x'}}}"))));

        assertThat(e.errorCode()).isEqualTo(DecodeException.SERIALIZATION);
    }

    @Test
    void refusesACompressedResponseItCannotRead() {
        ResponseView gzip = new ResponseView(200, Headers.builder().add("Content-Type", "application/x-amz-json-1.0")
                .add("Content-Encoding", "gzip").build(), Body.of(new byte[] {31, -117, 8, 0}));

        DecodeException e = catchThrowableOfType(DecodeException.class, () -> adapter.responseFields(GET_ITEM, gzip));

        assertThat(e.getMessage()).contains("Content-Encoding gzip");
    }

    private ResponseFields fields(String body) throws DecodeException {
        Optional<ResponseFields> fields = adapter.responseFields(GET_ITEM, Calls.response(body));
        assertThat(fields).isPresent();
        return fields.get();
    }
}
