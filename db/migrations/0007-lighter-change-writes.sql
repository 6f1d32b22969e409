-- Makes recording changes cheaper again. The changed_pairs list (kept by a
-- trigger) and the partial index of records in force cost about 1.6 s per
-- 100,000 inserted changes, while an as-of read finds the pairs with
-- records by scanning membership_changes_by_pair, about 6 ms at 100,000
-- changes (2-core machine, in memory), and seeks their last record in force
-- through the same index.
DROP TRIGGER membership_changes_track_pair;
DROP TABLE changed_pairs;
DROP INDEX membership_changes_in_force;
