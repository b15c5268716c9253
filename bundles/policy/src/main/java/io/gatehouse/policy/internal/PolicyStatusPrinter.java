package io.gatehouse.policy.internal;

import io.gatehouse.api.policy.PolicySource;
import io.gatehouse.api.policy.RuleSet;
import io.gatehouse.policy.evaluation.PolicyEvaluator;
import io.gatehouse.policy.files.PolicyProblem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.inventory.Format;
import org.apache.felix.inventory.InventoryPrinter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The policy on the Web Console's Status page ("Gatehouse policy"): the combined version, each source with its rule
 * count, the policy folder and, when its current content is rejected, every problem (the last good rules stay in
 * force meanwhile).
 */
@Component(service = InventoryPrinter.class, property = {InventoryPrinter.NAME + "=gatehouse-policy",
    InventoryPrinter.TITLE + "=Gatehouse policy", InventoryPrinter.FORMAT + "=TEXT"})
public final class PolicyStatusPrinter implements InventoryPrinter {

    private final List<PolicySource> sources = new CopyOnWriteArrayList<>();
    private final List<FilePolicySource> files = new CopyOnWriteArrayList<>();

    /** @param source a policy source that appeared */
    @Reference(service = PolicySource.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSource")
    public void addSource(PolicySource source) {
        sources.add(source);
    }

    /** @param source a policy source that went away */
    public void removeSource(PolicySource source) {
        sources.remove(source);
    }

    /** @param source the file source that appeared */
    @Reference(service = FilePolicySource.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY, unbind = "removeFiles")
    public void addFiles(FilePolicySource source) {
        files.add(source);
    }

    /** @param source the file source that went away */
    public void removeFiles(FilePolicySource source) {
        files.remove(source);
    }

    @Override
    public void print(PrintWriter out, Format format, boolean isZip) {
        List<RuleSet> ruleSets = new ArrayList<>();
        for (PolicySource source : sources) {
            try {
                ruleSets.add(source.rules());
            } catch (RuntimeException e) {
                out.println("A policy source failed (every call is denied while it does): " + e);
            }
        }
        out.println("Policy version: " + PolicyEvaluator.version(ruleSets));
        if (sources.isEmpty()) {
            out.println("No policy source is active: every call is denied.");
        }
        ruleSets.sort(Comparator.comparing(RuleSet::source));
        for (RuleSet set : ruleSets) {
            out.println("  " + set.source() + "@" + set.version() + ": " + set.rules().size() + " rules");
        }
        for (FilePolicySource source : files) {
            out.println();
            out.println("Policy folder: " + source.folder());
            List<PolicyProblem> problems = source.problems();
            if (problems.isEmpty()) {
                out.println("  in force as it is on disk");
            } else {
                out.println("  REJECTED: the last good rules (files@" + source.rules().version()
                        + ") stay in force until these are fixed:");
                problems.forEach(problem -> out.println("  " + problem));
            }
        }
    }
}
