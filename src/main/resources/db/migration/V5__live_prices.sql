-- Live prices: where an offering's price came from, whether the last refresh could confirm it, and whether the
-- region offers the instance type at all (DescribeInstanceTypeOfferings).
ALTER TABLE offering ADD COLUMN stale BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE offering ADD COLUMN available BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE offering ADD COLUMN refresh_error TEXT;
