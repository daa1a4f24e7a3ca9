-- Finalized statements never change (DESIGN.md §4): enforced here whatever the code does. Triggers,
-- not CHECK constraints (Prisma's wasm schema engine cannot introspect a CHECK).
--
-- org_monthly_statements: while draft, anything goes. Once not draft, the money and identity
-- fields (org, month, total, currency, finalizedAt) are frozen, and the status may only move
--   finalized -> paid | carried_forward | failed, and paid -> failed (a reversed transfer);
-- paidAt is set only on the move to paid. A non-draft statement is never deleted.
CREATE FUNCTION org_monthly_statements_immutable() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."status" <> 'draft' THEN
      RAISE EXCEPTION 'statement % is % and cannot be deleted', OLD."id", OLD."status" USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."status" = 'draft' THEN
    RETURN NEW;
  END IF;
  IF NEW."orgId" IS DISTINCT FROM OLD."orgId" OR NEW."month" IS DISTINCT FROM OLD."month"
     OR NEW."totalCents" IS DISTINCT FROM OLD."totalCents" OR NEW."currency" IS DISTINCT FROM OLD."currency"
     OR NEW."finalizedAt" IS DISTINCT FROM OLD."finalizedAt" OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt"
     OR NEW."id" IS DISTINCT FROM OLD."id" THEN
    RAISE EXCEPTION 'statement % is % : its money fields are immutable', OLD."id", OLD."status" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW."status" IS DISTINCT FROM OLD."status" AND NOT (
       (OLD."status" = 'finalized' AND NEW."status" IN ('paid', 'carried_forward', 'failed'))
    OR (OLD."status" = 'paid' AND NEW."status" = 'failed')) THEN
    RAISE EXCEPTION 'statement % cannot move from % to %', OLD."id", OLD."status", NEW."status" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF NEW."paidAt" IS DISTINCT FROM OLD."paidAt" AND NOT (OLD."status" = 'finalized' AND NEW."status" = 'paid' AND NEW."paidAt" IS NOT NULL) THEN
    RAISE EXCEPTION 'statement %: paidAt cannot change except on the move to paid', OLD."id" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER org_monthly_statements_immutable
BEFORE UPDATE OR DELETE ON "org_monthly_statements"
FOR EACH ROW EXECUTE FUNCTION org_monthly_statements_immutable();

-- statement_lines: no line of a statement that is not a draft is inserted, changed or deleted.
-- Statement-level triggers over the transition tables: one check per statement, not per row, so
-- the set-based statement computation (200,000 lines at once) stays fast.
CREATE FUNCTION statement_lines_immutable() RETURNS trigger AS $$
DECLARE
  bad text;
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    SELECT s."id" || ' is ' || s."status" INTO bad FROM old_lines l JOIN "org_monthly_statements" s ON s."id" = l."statementId"
    WHERE s."status" <> 'draft' LIMIT 1;
    IF bad IS NOT NULL THEN
      RAISE EXCEPTION 'statement %: its lines are immutable', bad USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    SELECT s."id" || ' is ' || s."status" INTO bad FROM new_lines l JOIN "org_monthly_statements" s ON s."id" = l."statementId"
    WHERE s."status" <> 'draft' LIMIT 1;
    IF bad IS NOT NULL THEN
      RAISE EXCEPTION 'statement %: no line can be added to it or changed (immutable)', bad USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- A trigger with transition tables takes one event, hence three.
CREATE TRIGGER statement_lines_immutable_insert
AFTER INSERT ON "statement_lines" REFERENCING NEW TABLE AS new_lines
FOR EACH STATEMENT EXECUTE FUNCTION statement_lines_immutable();

CREATE TRIGGER statement_lines_immutable_update
AFTER UPDATE ON "statement_lines" REFERENCING OLD TABLE AS old_lines NEW TABLE AS new_lines
FOR EACH STATEMENT EXECUTE FUNCTION statement_lines_immutable();

CREATE TRIGGER statement_lines_immutable_delete
AFTER DELETE ON "statement_lines" REFERENCING OLD TABLE AS old_lines
FOR EACH STATEMENT EXECUTE FUNCTION statement_lines_immutable();

-- pack_monthly_pools: a finalized pool (finalizedAt set) is never changed or deleted; setting
-- finalizedAt is the one update allowed to a draft pool that then freezes it.
CREATE FUNCTION pack_monthly_pools_immutable() RETURNS trigger AS $$
BEGIN
  IF OLD."finalizedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'pool % of % is finalized and immutable', OLD."id", OLD."month" USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER pack_monthly_pools_immutable
BEFORE UPDATE OR DELETE ON "pack_monthly_pools"
FOR EACH ROW EXECUTE FUNCTION pack_monthly_pools_immutable();
