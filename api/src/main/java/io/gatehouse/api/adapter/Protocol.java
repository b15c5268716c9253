package io.gatehouse.api.adapter;

/**
 * The wire protocols of the AWS APIs. The protocol decides how a call is encoded and how Gatehouse shapes the
 * errors it returns, so that the caller's SDK or CLI prints them.
 *
 * @since 1.0
 */
public enum Protocol {
    /** JSON body, action in {@code X-Amz-Target}, content type {@code application/x-amz-json-1.0} (DynamoDB). */
    AWS_JSON_1_0("application/x-amz-json-1.0"),
    /** JSON body, action in {@code X-Amz-Target}, content type {@code application/x-amz-json-1.1} (Kinesis). */
    AWS_JSON_1_1("application/x-amz-json-1.1"),
    /** REST paths with JSON bodies (Lambda). */
    REST_JSON("application/json"),
    /** REST paths with XML bodies (S3). */
    REST_XML("application/xml"),
    /** Form-encoded {@code Action=} requests with XML answers (STS, SQS query). */
    QUERY("text/xml");

    private final String errorContentType;

    Protocol(String errorContentType) {
        this.errorContentType = errorContentType;
    }

    /** @return the content type of error bodies in this protocol */
    public String errorContentType() {
        return errorContentType;
    }

    /** @return whether errors in this protocol are JSON documents */
    public boolean isJson() {
        return this == AWS_JSON_1_0 || this == AWS_JSON_1_1 || this == REST_JSON;
    }
}
