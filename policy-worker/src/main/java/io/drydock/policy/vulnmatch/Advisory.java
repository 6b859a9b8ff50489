package io.drydock.policy.vulnmatch;

import io.drydock.platform.osv.OsvRecord;

/** One stored OSV record and the feed group it was synced into. */
record Advisory(String feed, String group, OsvRecord record) {
}
