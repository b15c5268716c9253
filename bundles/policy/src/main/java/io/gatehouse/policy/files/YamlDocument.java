package io.gatehouse.policy.files;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.DocumentStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads one policy file as plain YAML 1.2 (SnakeYAML Engine, core schema) into a node tree with line numbers, and
 * nothing more: no anchors or aliases (no "billion laughs"), no explicit tags (no custom types), one document, at
 * most {@value #MAX_DEPTH} levels of nesting, at most {@value #MAX_CODE_POINTS} characters.
 */
final class YamlDocument {

    /** The longest file read, in characters. */
    static final int MAX_CODE_POINTS = 1024 * 1024;
    /** The deepest nesting of mappings and lists accepted. */
    static final int MAX_DEPTH = 16;

    private YamlDocument() {
    }

    /**
     * @param file the file name, for problems
     * @param content the file's text
     * @param problems where to add what is wrong
     * @return the document's root node; empty when the file holds no document or is refused (see problems)
     */
    static Optional<Node> read(String file, String content, List<PolicyProblem> problems) {
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(1).setAllowRecursiveKeys(false).setCodePointLimit(MAX_CODE_POINTS)
                .setParseComments(false).setUseMarks(true).build();
        int before = problems.size();
        try {
            checkEvents(file, new Parse(settings).parseString(content), problems);
            if (problems.size() > before) {
                return Optional.empty();
            }
            return new Compose(settings).composeString(content);
        } catch (MarkedYamlEngineException e) {
            Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
            problems.add(new PolicyProblem(file, mark.map(m -> m.getLine() + 1).orElse(0),
                    mark.map(m -> m.getColumn() + 1).orElse(0), "", "not valid YAML: " + hint(e.getContext(), e.getProblem())));
            return Optional.empty();
        } catch (YamlEngineException e) {
            problems.add(new PolicyProblem(file, 0, 0, "", "not valid YAML: " + e.getMessage()));
            return Optional.empty();
        }
    }

    private static String hint(String context, String problem) {
        String text = (context == null ? "" : context + ": ") + (problem == null ? "syntax error" : problem);
        if (text.contains("alias") || text.contains("anchor")) {
            return text + " (a pattern starting with * must be quoted: \"*\")";
        }
        return text;
    }

    private static void checkEvents(String file, Iterable<Event> events, List<PolicyProblem> problems) {
        int depth = 0;
        int documents = 0;
        Iterator<Event> iterator = events.iterator();
        while (iterator.hasNext()) {
            Event event = iterator.next();
            if (event instanceof DocumentStartEvent && ++documents > 1) {
                add(file, event, "a policy file holds one YAML document (remove the second '---')", problems);
                return;
            }
            if (event instanceof AliasEvent) {
                add(file, event, "aliases (*name) are not allowed; quote a pattern that starts with *: \"*\"",
                        problems);
                return;
            }
            if (event instanceof NodeEvent node && node.getAnchor().isPresent()) {
                add(file, event, "anchors (&name) are not allowed", problems);
                return;
            }
            if (event instanceof ScalarEvent scalar && scalar.getTag().isPresent()
                    || event instanceof CollectionStartEvent collection && collection.getTag().isPresent()) {
                add(file, event, "tags (!name) are not allowed: write plain YAML", problems);
                return;
            }
            if (event instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
                add(file, event, "nested deeper than " + MAX_DEPTH + " levels", problems);
                return;
            }
            if (event instanceof CollectionEndEvent) {
                depth--;
            }
        }
    }

    private static void add(String file, Event event, String message, List<PolicyProblem> problems) {
        Optional<Mark> mark = event.getStartMark();
        problems.add(new PolicyProblem(file, mark.map(m -> m.getLine() + 1).orElse(0),
                mark.map(m -> m.getColumn() + 1).orElse(0), "", message));
    }

    /** @return the 1-based line of a node, 0 when unknown */
    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** @return the 1-based column of a node, 0 when unknown */
    static int column(Node node) {
        return node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
    }
}
