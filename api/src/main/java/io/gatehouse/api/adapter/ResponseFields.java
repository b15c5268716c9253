package io.gatehouse.api.adapter;

import java.util.List;
import java.util.Map;

/**
 * The text-valued fields of a structured response, as an adapter understands them, and a way to encode the
 * response again with some of them replaced. Masking works on this view.
 *
 * @since 1.0
 */
public interface ResponseFields {

    /** @return every text-valued field in document order, each with a path that is stable for the document */
    List<Field> fields();

    /**
     * Encodes the response again with the given fields replaced.
     *
     * @param replacements field paths to their new values; paths not present in the document are ignored
     * @return the new response body
     */
    byte[] encode(Map<String, String> replacements);

    /**
     * One field of a response.
     *
     * @param path where the field lives, e.g. {@code Items[0].email.S}
     * @param value the field's text
     */
    record Field(String path, String value) {
    }
}
