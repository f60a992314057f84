package dev.assayer.monitoring.checks;

import dev.assayer.monitoring.ingest.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a pack over a stream of resources, kept small enough for millions of resources:
 * per check the counts of pass, fail and error, the first {@code maxDetails} non-pass results
 * (and, for JUnit, the first {@code maxDetails} passing resources) with a count of the rest.
 * Resources are deduplicated by (type, id, input format) within the run, the last one read
 * counting: when a resource comes again from the same kind of export, the outcomes of its earlier
 * copy (kept as two bits per check) are taken back before the new copy is counted. The same
 * (type, id) from two kinds of export (an IAM user in the credential report and in AWS Config)
 * is two resources, each with its own attributes, as in the server's per-source inventory. Not thread-safe: feed it from one thread.
 */
public final class CheckRun {

    /** An input file: its name as given, the detected or named format, SHA-256 and resources read. */
    public record Input(String file, String format, String sha256, long resources) {
    }

    /** One stored result. {@code input} indexes {@link #inputs()}. */
    public record Detail(String resourceType, String resourceId, Outcome outcome, String message, int input) {
    }

    /** Per check: counts and the stored details. */
    public static final class Tally {
        private final Check check;
        long pass;
        long fail;
        long error;
        final Map<String, Detail> problems = new LinkedHashMap<>();
        final Map<String, Detail> passes = new LinkedHashMap<>();
        long problemsOmitted;
        long passesOmitted;

        Tally(Check check) {
            this.check = check;
        }

        public Check check() {
            return check;
        }

        public long evaluated() {
            return pass + fail + error;
        }

        public long pass() {
            return pass;
        }

        public long fail() {
            return fail;
        }

        public long error() {
            return error;
        }

        /** FAIL if any resource failed, else ERROR if any could not be evaluated, else PASS; null when nothing applied. */
        public Outcome outcome() {
            return fail > 0 ? Outcome.FAIL : error > 0 ? Outcome.ERROR : pass > 0 ? Outcome.PASS : null;
        }

        /** Stored FAIL and ERROR results (at most maxDetails), in the order read. */
        public List<Detail> problems() {
            return List.copyOf(problems.values());
        }

        /** Non-pass results not stored. */
        public long problemsOmitted() {
            return problemsOmitted;
        }

        /** Stored passing results (at most maxDetails). */
        public List<Detail> passes() {
            return List.copyOf(passes.values());
        }

        public long passesOmitted() {
            return passesOmitted;
        }
    }

    private final CheckPack pack;
    private final Instant now;
    private final int maxDetails;
    private final CheckEvaluator evaluator;
    private final Tally[] tallies;
    private final List<Input> inputs = new ArrayList<>();
    private final OutcomeStore store;
    private long resources;
    private long duplicates;

    public CheckRun(CheckPack pack, Instant now, int maxDetails) {
        this.pack = pack;
        this.now = now;
        this.maxDetails = Math.max(0, maxDetails);
        this.evaluator = new CheckEvaluator(pack, now);
        this.tallies = new Tally[pack.checks().size()];
        for (int i = 0; i < tallies.length; i++) {
            tallies[i] = new Tally(pack.checks().get(i));
        }
        this.store = new OutcomeStore(tallies.length);
    }

    public CheckPack pack() {
        return pack;
    }

    public Instant now() {
        return now;
    }

    /** Registers an input before its resources are added; returns its index. */
    public int addInput(String file, String format) {
        inputs.add(new Input(file, format, null, 0));
        return inputs.size() - 1;
    }

    /** Records an input's digest and resource count once it has been read. */
    public void inputRead(int input, String sha256, long count) {
        Input in = inputs.get(input);
        inputs.set(input, new Input(in.file(), in.format(), sha256, count));
    }

    public List<Input> inputs() {
        return List.copyOf(inputs);
    }

    /** Distinct resources (after deduplication). */
    public long resources() {
        return resources;
    }

    /** Resources read again under a (type, id) already seen; the last copy counted. */
    public long duplicates() {
        return duplicates;
    }

    public List<Tally> tallies() {
        return List.of(tallies);
    }

    /** True when any check failed or could not be evaluated. */
    public boolean anyFailedOrErrored() {
        for (Tally t : tallies) {
            if (t.fail > 0 || t.error > 0) {
                return true;
            }
        }
        return false;
    }

    // the resource being added: read by record(), the one sink shared by every resource (no per-resource lambda)
    private Resource current;
    private int currentInput;
    private int currentOutcomes;
    private String currentKey;
    private final CheckEvaluator.IndexedSink sink = this::record;

    /** Evaluates one resource read from input {@code input} and counts its results. */
    public void add(Resource resource, int input) {
        current = resource;
        currentInput = input;
        currentKey = null;
        int slot = store.findOrInsert(resource.type(), resource.id(), inputs.get(input).format());
        if (slot >= 0) {
            duplicates++;
            takeBack(slot, key());
        } else {
            resources++;
            slot = -slot - 1;
        }
        currentOutcomes = slot;
        evaluator.evaluate(resource, sink);
        current = null;
    }

    /** (type, id) of the current resource, made only when a detail is stored or taken back. */
    private String key() {
        if (currentKey == null) {
            currentKey = current.type() + '\u0000' + current.id() + '\u0000' + inputs.get(currentInput).format();
        }
        return currentKey;
    }

    private void record(int i, Check check, Outcome outcome, String message) {
        store.set(currentOutcomes, i, outcome);
        Tally t = tallies[i];
        switch (outcome) {
            case PASS -> {
                t.pass++;
                if (t.passes.size() < maxDetails) {
                    t.passes.put(key(), new Detail(current.type(), current.id(), outcome, null, currentInput));
                } else {
                    t.passesOmitted++;
                }
            }
            case FAIL, ERROR -> {
                if (outcome == Outcome.FAIL) {
                    t.fail++;
                } else {
                    t.error++;
                }
                if (t.problems.size() < maxDetails) {
                    t.problems.put(key(), new Detail(current.type(), current.id(), outcome, message, currentInput));
                } else {
                    t.problemsOmitted++;
                }
            }
            default -> {
            }
        }
    }

    private void takeBack(int outcomes, String key) {
        for (int i = 0; i < tallies.length; i++) {
            Outcome o = store.get(outcomes, i);
            if (o == null) {
                continue;
            }
            Tally t = tallies[i];
            if (o == Outcome.PASS) {
                t.pass--;
                if (t.passes.remove(key) == null) {
                    t.passesOmitted--;
                }
            } else {
                if (o == Outcome.FAIL) {
                    t.fail--;
                } else {
                    t.error--;
                }
                if (t.problems.remove(key) == null) {
                    t.problemsOmitted--;
                }
            }
        }
        store.clear(outcomes);
    }
}
