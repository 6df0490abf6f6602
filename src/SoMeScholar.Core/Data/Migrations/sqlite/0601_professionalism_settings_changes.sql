-- 0601 professionalism: the audit trail of the administrators' professionalism settings (who changed what, when, and
-- the settings after each change). The current settings themselves live in settings under 'professionalism.settings'.

CREATE TABLE "professionalism_settings_changes" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_professionalism_settings_changes" PRIMARY KEY AUTOINCREMENT,
    "changed_at" TEXT NOT NULL,
    "changed_by" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    "settings" TEXT NOT NULL
);
