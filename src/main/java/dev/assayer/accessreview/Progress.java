package dev.assayer.accessreview;

/** How far a campaign is: accounts decided (by kind), flagged owners, remediation tasks open and done. */
public record Progress(int accounts, int decided, int kept, int revoked, int changed, int flagged, int tasksOpen,
        int tasksDone) {

    public static final Progress EMPTY = new Progress(0, 0, 0, 0, 0, 0, 0, 0);

    public int undecided() {
        return accounts - decided;
    }

    /** Whole percent of accounts decided (0 when there are none). */
    public int percentDecided() {
        return accounts == 0 ? 0 : (int) Math.floor(100.0 * decided / accounts);
    }
}
