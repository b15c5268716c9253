package io.gatehouse.plugins.aws.json.internal;

import io.gatehouse.api.adapter.DecodeContext;
import io.gatehouse.api.adapter.DecodeException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One kind of resource of a service table (a secret, a parameter, a function) and the forms a request may name it
 * in. The first form whose pattern matches the whole value gives the ARN; a value no form matches is refused, so
 * nothing that AWS itself would reject (a {@code *}, a {@code /} where none belongs) ever reaches a policy.
 *
 * @param name the type's name in the table
 * @param forms the accepted forms, tried in order
 * @param qualifier what a qualifier appended as {@code :<qualifier>} must look like (Lambda versions and aliases);
 *        null when the type has none
 */
record ResourceType(String name, List<Form> forms, Pattern qualifier) {

    /** The named group a form uses for a qualifier the value already carries ({@code my-fn:PROD}). */
    static final String QUALIFIER_GROUP = "qualifier";

    ResourceType {
        forms = List.copyOf(forms);
    }

    /**
     * One accepted form: a pattern over the whole value and an ARN template. The template's placeholders are
     * {@code {partition}}, {@code {region}}, {@code {account}}, {@code {service}} (from the call) and {@code {0}},
     * {@code {1}}, ... (the whole value and the pattern's groups; a group that did not match is empty).
     */
    record Form(Pattern match, String arn) {
    }

    /** A resolved name: its ARN and the qualifier the value itself carried, if any. */
    record Resolved(String arn, Optional<String> qualifier) {
    }

    /**
     * @param value the name, partial ARN or ARN as the request gives it
     * @param where the request member it comes from, for messages
     * @param context the call's partition, region and account
     * @param service the service part of ARNs built from names
     */
    Resolved resolve(String value, String where, DecodeContext context, String service) throws DecodeException {
        for (Form form : forms) {
            Matcher matcher = form.match().matcher(value);
            if (matcher.matches()) {
                return new Resolved(expand(form.arn(), matcher, context, service), qualifierOf(form, matcher));
            }
        }
        throw Messages.invalid(where, value, "is not a valid " + name + " name or ARN");
    }

    /** Checks a qualifier given in its own member (Lambda's {@code ?Qualifier=}). */
    String checkQualifier(String value, String where) throws DecodeException {
        if (qualifier == null || !qualifier.matcher(value).matches()) {
            throw Messages.invalid(where, value, "is not a valid qualifier for a " + name);
        }
        return value;
    }

    private static Optional<String> qualifierOf(Form form, Matcher matcher) {
        if (!form.match().pattern().contains("(?<" + QUALIFIER_GROUP + ">")) {
            return Optional.empty();
        }
        return Optional.ofNullable(matcher.group(QUALIFIER_GROUP));
    }

    private static String expand(String template, Matcher matcher, DecodeContext context, String service) {
        StringBuilder arn = new StringBuilder();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                arn.append(template, at, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            arn.append(template, at, open);
            arn.append(placeholder(template.substring(open + 1, close), matcher, context, service));
            at = close + 1;
        }
        return arn.toString();
    }

    private static String placeholder(String name, Matcher matcher, DecodeContext context, String service) {
        return switch (name) {
            case "partition" -> context.partition();
            case "region" -> context.region();
            case "account" -> context.accountId();
            case "service" -> service;
            default -> {
                String group = matcher.group(Integer.parseInt(name));
                yield group == null ? "" : group;
            }
        };
    }
}
