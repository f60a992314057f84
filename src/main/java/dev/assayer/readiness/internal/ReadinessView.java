package dev.assayer.readiness.internal;

import dev.assayer.readiness.GapKind;
import dev.assayer.readiness.ReadinessReport;
import dev.assayer.readiness.ReadinessReport.Gap;
import dev.assayer.readiness.ReadinessReport.ProgramGap;
import dev.assayer.readiness.ReadinessReport.RequirementReadiness;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shapes a {@link ReadinessReport} for the pages: gaps grouped by kind, requirements by category. */
final class ReadinessView {

    /** The gaps of one kind: how many in all, and the first few to show. */
    record GapGroup(GapKind kind, int count, List<Gap> shown) {

        public int hidden() {
            return count - shown.size();
        }
    }

    /** The program gaps of one kind: how many in all, and the first few to show. */
    record ProgramGroup(GapKind kind, int count, List<ProgramGap> shown) {

        public int hidden() {
            return count - shown.size();
        }
    }

    private ReadinessView() {
    }

    /** The gaps of the controls and their evidence, by kind (program gaps are grouped by {@link #programByKind}). */
    static List<GapGroup> gapsByKind(ReadinessReport report, int perKind) {
        Map<GapKind, List<Gap>> byKind = new EnumMap<>(GapKind.class);
        for (Gap g : report.gaps()) {
            if (!g.kind().program()) {
                byKind.computeIfAbsent(g.kind(), k -> new ArrayList<>()).add(g);
            }
        }
        List<GapGroup> groups = new ArrayList<>();
        byKind.forEach((kind, gaps) -> groups.add(new GapGroup(kind, gaps.size(),
                List.copyOf(gaps.subList(0, Math.min(perKind, gaps.size()))))));
        return groups;
    }

    /** The program gaps by kind, each listed once; {@code perKind} limits how many are shown. */
    static List<ProgramGroup> programByKind(ReadinessReport report, int perKind) {
        Map<GapKind, List<ProgramGap>> byKind = new EnumMap<>(GapKind.class);
        for (ProgramGap g : report.programGaps()) {
            byKind.computeIfAbsent(g.kind(), k -> new ArrayList<>()).add(g);
        }
        List<ProgramGroup> groups = new ArrayList<>();
        byKind.forEach((kind, gaps) -> groups.add(new ProgramGroup(kind, gaps.size(),
                List.copyOf(gaps.subList(0, Math.min(perKind, gaps.size()))))));
        return groups;
    }

    static Map<String, List<RequirementReadiness>> requirementsByCategory(ReadinessReport report) {
        Map<String, List<RequirementReadiness>> byCategory = new LinkedHashMap<>();
        report.categories().forEach(c -> byCategory.put(c.code(), new ArrayList<>()));
        for (RequirementReadiness r : report.requirements()) {
            byCategory.computeIfAbsent(r.category(), k -> new ArrayList<>()).add(r);
        }
        return byCategory;
    }

    /** The meter modifier for a percentage: bad below 50, warn below 80, plain (ok) otherwise. */
    static String meterClass(int percent) {
        return percent < 50 ? "meter bad" : percent < 80 ? "meter warn" : "meter";
    }
}
