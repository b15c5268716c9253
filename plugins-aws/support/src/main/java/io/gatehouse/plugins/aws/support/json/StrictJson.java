package io.gatehouse.plugins.aws.support.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes JSON documents the way the policy decision must see them: strict UTF-8, no duplicate member
 * names, nothing after the root value and a bounded nesting depth, so that hostile input can neither blow the
 * stack nor be read one way here and another way by the service. Thread-safe.
 */
public final class StrictJson {

    private static final int MAX_DETAIL = 200;

    private final ObjectMapper mapper;
    private final int maxDepth;

    /** @param maxDepth the deepest nesting of objects and arrays accepted */
    public StrictJson(int maxDepth) {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("max nesting depth must be positive: " + maxDepth);
        }
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(maxDepth).build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                // exact decimals, so that re-encoding a response does not round its numbers
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
        this.maxDepth = maxDepth;
    }

    /**
     * @param bytes a document that must be a JSON object
     * @param what names the document in error messages, e.g. {@code "Request body"}
     * @return the root object
     * @throws DecodeException {@link DecodeException#SERIALIZATION} when the bytes are not one strict JSON object
     */
    public ObjectNode readObject(byte[] bytes, String what) throws DecodeException {
        JsonNode root;
        try {
            root = mapper.readTree(utf8(bytes, what));
        } catch (StreamConstraintsException e) {
            if (String.valueOf(e.getOriginalMessage()).contains("nesting depth")) {
                throw new DecodeException(DecodeException.SERIALIZATION, what + " is nested deeper than the "
                        + maxDepth + " levels Gatehouse accepts (" + detail(e) + ")");
            }
            throw new DecodeException(DecodeException.SERIALIZATION, what + " exceeds a limit Gatehouse accepts ("
                    + detail(e) + ")");
        } catch (JsonProcessingException e) {
            throw new DecodeException(DecodeException.SERIALIZATION, what + " is not valid JSON: " + detail(e));
        } catch (NumberFormatException e) {
            // Jackson reads a number lazily and throws this, unwrapped, for one no BigDecimal can hold: an exponent
            // beyond the int range (1e2147483648). Its message quotes the number, so it is not echoed.
            throw new DecodeException(DecodeException.SERIALIZATION, what + " has a number out of range: its "
                    + "exponent does not fit a 32-bit integer");
        }
        if (root == null || !root.isObject()) {
            throw new DecodeException(DecodeException.SERIALIZATION, what + " must be a JSON object");
        }
        return (ObjectNode) root;
    }

    /**
     * @param root a document read by this instance
     * @return its UTF-8 encoding
     */
    public byte[] write(JsonNode root) {
        try {
            return mapper.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            // a tree this class read always serialises; anything else is a programming error
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    // Decoded strictly up front: Jackson would otherwise guess UTF-16/32 from the first bytes.
    private static String utf8(byte[] bytes, String what) throws DecodeException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DecodeException(DecodeException.SERIALIZATION, what + " is not valid UTF-8");
        }
    }

    private static String detail(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        return message.length() <= MAX_DETAIL ? message : message.substring(0, MAX_DETAIL) + "...";
    }
}
