package io.gatehouse.proxy.internal.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.api.adapter.Protocol;
import io.gatehouse.api.exchange.Body;
import io.gatehouse.api.exchange.Headers;
import io.gatehouse.api.exchange.RequestView;
import io.gatehouse.api.exchange.ResponseView;
import java.io.ByteArrayInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class ErrorRendererTest {

    @Test
    void jsonErrorsCarryTypeAndMessageAsBotocoreReadsThem() throws Exception {
        ResponseView response = ErrorRenderer.render(new GatewayException(ErrorCode.UNRECOGNIZED_CLIENT,
                "key \"X\" is <unknown>\n"), Protocol.AWS_JSON_1_0);

        JsonNode json = new ObjectMapper().readTree(response.body().bytes());
        assertThat(response.status()).isEqualTo(403);
        assertThat(json.get("__type").asText()).endsWith("#UnrecognizedClientException");
        assertThat(json.get("message").asText()).isEqualTo("key \"X\" is <unknown>\n");
        assertThat(response.headers().first("content-type")).contains("application/x-amz-json-1.0");
        assertThat(response.headers().first("x-amzn-errortype")).contains("UnrecognizedClientException");
    }

    @Test
    void queryErrorsAreWellFormedXmlWithEscapedMessage() throws Exception {
        ResponseView response = ErrorRenderer.render(new GatewayException(ErrorCode.NO_SERVICE_ADAPTER,
                "no adapter for <sqs> & 'friends'"), Protocol.QUERY);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().bytes()));
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("ErrorResponse");
        assertThat(xml.getElementsByTagName("Code").item(0).getTextContent()).isEqualTo("NoServiceAdapter");
        assertThat(xml.getElementsByTagName("Message").item(0).getTextContent())
                .isEqualTo("no adapter for <sqs> & 'friends'");
        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void restXmlErrorsUseAnErrorRootAsS3Does() throws Exception {
        ResponseView response = ErrorRenderer.render(new GatewayException(ErrorCode.INVALID_SIGNATURE, "bad"),
                Protocol.REST_XML);

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(response.body().bytes()));
        assertThat(xml.getDocumentElement().getTagName()).isEqualTo("Error");
        assertThat(xml.getElementsByTagName("Code").item(0).getTextContent()).isEqualTo("InvalidSignatureException");
    }

    @Test
    void guessesTheProtocolFromTheRequestShape() {
        assertThat(ErrorRenderer.guessProtocol(request(Headers.builder()
                .add("X-Amz-Target", "DynamoDB_20120810.GetItem")
                .add("Content-Type", "application/x-amz-json-1.0").build()))).isEqualTo(Protocol.AWS_JSON_1_0);
        assertThat(ErrorRenderer.guessProtocol(request(Headers.builder()
                .add("X-Amz-Target", "Kinesis_20131202.PutRecord")
                .add("Content-Type", "application/x-amz-json-1.1").build()))).isEqualTo(Protocol.AWS_JSON_1_1);
        assertThat(ErrorRenderer.guessProtocol(request(Headers.builder()
                .add("Content-Type", "application/x-www-form-urlencoded; charset=utf-8").build())))
                .isEqualTo(Protocol.QUERY);
        assertThat(ErrorRenderer.guessProtocol(request(Headers.empty()))).isEqualTo(Protocol.REST_XML);
    }

    @Test
    void controlCharactersCannotBreakTheJsonDocument() throws Exception {
        String nasty = "a\u0000b\u001fc\"}{\\";
        ResponseView response = ErrorRenderer.render(new GatewayException(ErrorCode.BAD_REQUEST, nasty),
                Protocol.AWS_JSON_1_1);

        assertThat(new ObjectMapper().readTree(response.body().bytes()).get("message").asText()).isEqualTo(nasty);
    }

    private static RequestView request(Headers headers) {
        return new RequestView("POST", "/", "", headers, Body.empty());
    }
}
