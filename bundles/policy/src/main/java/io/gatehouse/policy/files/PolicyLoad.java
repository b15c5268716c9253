package io.gatehouse.policy.files;

import io.gatehouse.api.policy.PolicyRule;
import io.gatehouse.api.policy.RuleSet;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of reading and parsing a policy directory: either a rule set or the problems that reject it as a whole
 * (one bad file rejects every file, so a half-valid policy never runs).
 *
 * @param state what was found
 * @param files the content that was parsed
 * @param ruleSet the rules, present unless {@link State#REJECTED}
 * @param problems why it was rejected; empty otherwise
 */
public record PolicyLoad(State state, PolicyFiles files, Optional<RuleSet> ruleSet, List<PolicyProblem> problems) {

    /** The name of the file-based source, in decisions and versions. */
    public static final String SOURCE = "files";

    /** What a load found. */
    public enum State {
        /** Every file parsed; the rule set holds their rules. */
        LOADED,
        /** The directory does not exist: an empty rule set (every call denied). */
        NO_DIRECTORY,
        /** The directory holds no {@code *.yaml} / {@code *.yml} file: an empty rule set (every call denied). */
        NO_FILES,
        /** At least one problem: no rule set; whoever holds a last good one keeps it. */
        REJECTED
    }

    /** Copies the list. */
    public PolicyLoad {
        problems = List.copyOf(problems);
    }

    /**
     * @param directory the policy directory
     * @return its rules, or why they are rejected
     */
    public static PolicyLoad load(Path directory) {
        return parse(PolicyFiles.read(directory));
    }

    /**
     * @param files the content of a policy directory
     * @return its rules, or why they are rejected
     */
    public static PolicyLoad parse(PolicyFiles files) {
        if (!files.exists()) {
            return new PolicyLoad(State.NO_DIRECTORY, files, Optional.of(RuleSet.empty(SOURCE)), List.of());
        }
        List<PolicyProblem> problems = new ArrayList<>(files.problems());
        if (files.files().isEmpty() && problems.isEmpty()) {
            return new PolicyLoad(State.NO_FILES, files, Optional.of(RuleSet.empty(SOURCE)), List.of());
        }
        List<PolicyRule> rules = new ArrayList<>();
        Map<String, PolicyFileParser.LocatedRule> seen = new HashMap<>();
        for (Map.Entry<String, byte[]> file : files.files().entrySet()) {
            String content = decode(file.getKey(), file.getValue(), problems);
            if (content == null) {
                continue;
            }
            for (PolicyFileParser.LocatedRule rule : PolicyFileParser.parse(file.getKey(), content, problems)) {
                PolicyFileParser.LocatedRule first = seen.putIfAbsent(rule.rule().id(), rule);
                if (first != null) {
                    problems.add(new PolicyProblem(rule.file(), rule.line(), 0, "id", "duplicate rule id '"
                            + rule.rule().id() + "' (first defined at " + first.file() + ":" + first.line() + ")"));
                } else {
                    rules.add(rule.rule());
                }
            }
        }
        if (!problems.isEmpty()) {
            return new PolicyLoad(State.REJECTED, files, Optional.empty(), problems);
        }
        return new PolicyLoad(State.LOADED, files, Optional.of(new RuleSet(SOURCE, files.version(), rules)),
                List.of());
    }

    private static String decode(String file, byte[] content, List<PolicyProblem> problems) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new PolicyProblem(file, 0, 0, "", "is not UTF-8 text"));
            return null;
        }
    }
}
