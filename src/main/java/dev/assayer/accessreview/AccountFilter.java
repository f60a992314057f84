package dev.assayer.accessreview;

/** Narrows a campaign's account list: only those assigned to the caller, only undecided ones. */
public record AccountFilter(boolean mine, boolean undecidedOnly) {

    public static AccountFilter all() {
        return new AccountFilter(false, false);
    }
}
