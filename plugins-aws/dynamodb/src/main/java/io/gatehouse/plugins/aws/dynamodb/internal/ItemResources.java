package io.gatehouse.plugins.aws.dynamodb.internal;

import io.gatehouse.plugins.aws.support.json.Members;
import static io.gatehouse.plugins.aws.support.json.Members.element;
import static io.gatehouse.plugins.aws.support.json.Members.requiredArray;
import static io.gatehouse.plugins.aws.support.json.Members.requiredObject;
import static io.gatehouse.plugins.aws.support.json.Members.requiredText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.api.adapter.DecodeException;
import java.util.List;
import java.util.Map;

/**
 * The tables of the data-plane calls that may name several: batch calls, transactions and PartiQL statements.
 * Policy must see every one of them, so an entry whose table cannot be read is refused, never skipped.
 */
final class ItemResources {

    /** The members a TransactGetItems entry may have. */
    static final List<String> TRANSACT_GET = List.of("Get");
    /** The members a TransactWriteItems entry may have. */
    static final List<String> TRANSACT_WRITE = List.of("ConditionCheck", "Put", "Delete", "Update");

    private ItemResources() {
    }

    /** BatchGetItem and BatchWriteItem: every table named as a key of {@code RequestItems}. */
    static void batch(ObjectNode body, ResourceSet out, boolean write) throws DecodeException {
        ObjectNode requestItems = requiredObject(body, "RequestItems", "");
        if (requestItems.isEmpty()) {
            throw new DecodeException(DecodeException.VALIDATION, "RequestItems must name at least one table");
        }
        for (Map.Entry<String, JsonNode> table : requestItems.properties()) {
            String where = "RequestItems." + table.getKey();
            out.table(table.getKey(), "RequestItems key");
            JsonNode requests = table.getValue();
            if (write ? !requests.isArray() : !requests.isObject()) {
                throw new DecodeException(DecodeException.SERIALIZATION,
                        where + " must be " + (write ? "a list of write requests" : "an object with Keys"));
            }
            if (!write) {
                requiredArray((ObjectNode) requests, "Keys", where);
            }
        }
    }

    /** TransactGetItems and TransactWriteItems: the table of every member of every entry. */
    static void transact(ObjectNode body, ResourceSet out, List<String> allowed) throws DecodeException {
        ArrayNode items = requiredArray(body, "TransactItems", "");
        for (int i = 0; i < items.size(); i++) {
            String where = "TransactItems[" + i + "]";
            ObjectNode item = element(items, i, "TransactItems");
            if (item.isEmpty()) {
                throw new DecodeException(DecodeException.VALIDATION, where + " must have one of " + allowed);
            }
            for (Map.Entry<String, JsonNode> entry : item.properties()) {
                String member = entry.getKey();
                // an unknown member could carry a table DynamoDB acts on that policy never saw
                if (!allowed.contains(member)) {
                    throw new DecodeException(DecodeException.VALIDATION,
                            where + " has unexpected member '" + member + "'; expected one of " + allowed);
                }
                String memberPath = where + "." + member;
                out.table(requiredText(requiredObject(item, member, where), "TableName", memberPath),
                        memberPath + ".TableName");
            }
        }
    }

    /** ExecuteStatement: the tables of {@code Statement}. */
    static void statement(ObjectNode body, ResourceSet out) throws DecodeException {
        partiQl(requiredText(body, "Statement", ""), "Statement", out);
    }

    /**
     * BatchExecuteStatement ({@code Statements}) and ExecuteTransaction ({@code TransactStatements}): the tables of
     * every statement.
     */
    static void statements(ObjectNode body, String listName, ResourceSet out) throws DecodeException {
        ArrayNode statements = requiredArray(body, listName, "");
        for (int i = 0; i < statements.size(); i++) {
            String where = listName + "[" + i + "]";
            partiQl(requiredText(element(statements, i, listName), "Statement", where), where + ".Statement", out);
        }
    }

    private static void partiQl(String statement, String where, ResourceSet out) throws DecodeException {
        for (PartiQlTables.TableRef ref : PartiQlTables.tables(statement, where)) {
            String table = out.table(ref.table(), where + " table");
            if (ref.index().isPresent()) {
                out.index(table, ref.index().get(), where + " index");
            }
        }
    }
}
