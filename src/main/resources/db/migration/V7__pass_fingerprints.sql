-- Whether the company's pass in progress stored module fingerprints for its completion to confirm:
-- with it, the queue row describes the pass completely, and completing it reads nothing back.
-- A pass in progress during the upgrade reads 0: its next pass compares against the fingerprints
-- confirmed before it, and derives those courses' pairs again.
ALTER TABLE ${prefix}local_alx_api_company_sync ADD COLUMN pass_fp_pending TINYINT NOT NULL DEFAULT 0;
