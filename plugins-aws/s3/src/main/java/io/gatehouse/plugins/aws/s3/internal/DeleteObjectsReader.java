package io.gatehouse.plugins.aws.s3.internal;

import io.gatehouse.api.adapter.DecodeException;
import io.gatehouse.api.exchange.Body;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads the keys of a DeleteObjects body ({@code <Delete><Object><Key>k</Key></Object>...</Delete>}) with a hardened
 * StAX parser: any DTD is refused (so no entity can be declared or expanded), external entities are off, the body is
 * bounded in size and in the number of keys (S3's 1000). Keys are XML text, used exactly as written.
 */
final class DeleteObjectsReader {

    static final int MAX_BYTES = 8 * 1024 * 1024;
    static final int MAX_KEYS = 1000;

    private DeleteObjectsReader() {
    }

    static List<String> keys(Body body) throws DecodeException {
        if (body.length() > MAX_BYTES) {
            throw malformed("The DeleteObjects body is larger than " + MAX_BYTES + " bytes.");
        }
        try (InputStream in = body.openStream()) {
            XMLStreamReader reader = factory().createXMLStreamReader(in);
            try {
                return read(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | java.io.IOException e) {
            throw malformed("The DeleteObjects body is not well-formed XML.");
        } catch (RuntimeException e) {
            // The JDK parser leaks unchecked exceptions on some broken DTDs (found by S3DecoderFuzzTest: a NUL in a
            // DOCTYPE gives MissingResourceException "InvalidCharInDTD"); such a body is malformed, not a crash.
            throw malformed("The DeleteObjects body is not well-formed XML.");
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static List<String> read(XMLStreamReader reader) throws XMLStreamException, DecodeException {
        List<String> keys = new ArrayList<>();
        List<String> path = new ArrayList<>();
        StringBuilder text = null;
        int keysInObject = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION,
                        XMLStreamConstants.NOTATION_DECLARATION ->
                        throw malformed("The DeleteObjects body must not contain a DTD or entity references.");
                case XMLStreamConstants.START_ELEMENT -> {
                    path.add(reader.getLocalName());
                    checkStart(path);
                    if (path.size() == 2 && "Object".equals(path.get(1))) {
                        keysInObject = 0;
                    }
                    if (isKey(path)) {
                        text = new StringBuilder();
                        if (++keysInObject > 1) {
                            throw malformed("An Object in the DeleteObjects body has more than one Key.");
                        }
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text != null) {
                        text.append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    if (isKey(path)) {
                        addKey(keys, text.toString());
                        text = null;
                    } else if (path.size() == 2 && "Object".equals(path.get(1)) && keysInObject == 0) {
                        throw malformed("An Object in the DeleteObjects body has no Key.");
                    }
                    path.remove(path.size() - 1);
                }
                default -> {
                }
            }
        }
        if (keys.isEmpty()) {
            throw malformed("The DeleteObjects body names no key.");
        }
        return keys;
    }

    private static void checkStart(List<String> path) throws DecodeException {
        if (path.size() == 1 && !"Delete".equals(path.get(0))) {
            throw malformed("The DeleteObjects body must be a <Delete> document.");
        }
        if (path.size() == 2 && !"Object".equals(path.get(1)) && !"Quiet".equals(path.get(1))) {
            throw malformed("<Delete> may only contain <Object> and <Quiet>.");
        }
        if (path.size() > 3) {
            throw malformed("The DeleteObjects body is nested deeper than <Delete><Object><Key>.");
        }
    }

    private static boolean isKey(List<String> path) {
        return path.size() == 3 && "Object".equals(path.get(1)) && "Key".equals(path.get(2));
    }

    private static void addKey(List<String> keys, String key) throws DecodeException {
        if (key.isEmpty()) {
            throw malformed("A Key in the DeleteObjects body is empty.");
        }
        if (keys.size() == MAX_KEYS) {
            throw malformed("The DeleteObjects body names more than " + MAX_KEYS + " keys.");
        }
        keys.add(key);
    }

    private static DecodeException malformed(String message) {
        return S3Errors.of(S3Errors.MALFORMED_XML, message);
    }
}
