package io.gatehouse.policy.internal;

import io.gatehouse.api.policy.RuleSet;
import io.gatehouse.policy.files.PolicyFiles;
import io.gatehouse.policy.files.PolicyLoad;
import io.gatehouse.policy.files.PolicyProblem;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy folder with its last good rule set. {@link #poll()} reads the folder and, when its content changed,
 * parses it: a valid folder replaces the rules; a rejected one keeps the last good rules in force and exposes its
 * {@link #problems()} (logged once per distinct content at WARN). A folder that is missing or holds no policy file
 * is an empty rule set: every call is denied (logged at INFO).
 */
public final class ReloadingPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadingPolicy.class);

    private final Path directory;
    private volatile RuleSet current = RuleSet.empty(PolicyLoad.SOURCE);
    private volatile List<PolicyProblem> problems = List.of();
    private volatile PolicyLoad.State state = PolicyLoad.State.NO_DIRECTORY;
    private String lastFingerprint;

    /** @param directory the policy folder */
    public ReloadingPolicy(Path directory) {
        this.directory = directory;
    }

    /** @return the folder */
    public Path directory() {
        return directory;
    }

    /** @return the rules in force: the last good ones */
    public RuleSet current() {
        return current;
    }

    /** @return why the folder's current content is rejected; empty when it is in force */
    public List<PolicyProblem> problems() {
        return problems;
    }

    /** @return what the last load found */
    public PolicyLoad.State state() {
        return state;
    }

    /**
     * Checks the folder once and reloads when its content changed.
     *
     * @return whether the content changed since the last poll
     */
    public synchronized boolean poll() {
        PolicyFiles files = PolicyFiles.read(directory);
        String fingerprint = files.fingerprint();
        if (fingerprint.equals(lastFingerprint)) {
            return false;
        }
        lastFingerprint = fingerprint;
        PolicyLoad load = PolicyLoad.parse(files);
        state = load.state();
        switch (load.state()) {
            case LOADED:
                current = load.ruleSet().orElseThrow();
                problems = List.of();
                LOG.info("Policy {}@{}: {} rules from {} in {}", PolicyLoad.SOURCE, current.version(),
                        current.rules().size(), String.join(", ", files.files().keySet()), directory);
                break;
            case NO_DIRECTORY:
            case NO_FILES:
                current = load.ruleSet().orElseThrow();
                problems = List.of();
                LOG.info("No policy: {} {}; every call is denied until *.yaml rules are added there", directory,
                        load.state() == PolicyLoad.State.NO_DIRECTORY ? "does not exist" : "holds no *.yaml file");
                break;
            default:
                problems = load.problems();
                LOG.warn("Policy in {} rejected, {}@{} ({} rules) stays in force:\n  {}", directory,
                        PolicyLoad.SOURCE, current.version(), current.rules().size(), problems.stream()
                                .map(PolicyProblem::toString).collect(Collectors.joining("\n  ")));
                break;
        }
        return true;
    }
}
