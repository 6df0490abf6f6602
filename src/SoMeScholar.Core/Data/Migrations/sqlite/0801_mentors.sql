-- 0801 mentors: mentor profiles (opt-in, pause, leave), trainee requests, introduction requests with their
-- answers, mentors' blocks of trainees, and in-app notifications about introductions.
-- Hand-written from the EF model (somescholar db script --provider sqlite); the migration tests verify they agree.

CREATE TABLE "mentor_profiles" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_mentor_profiles" PRIMARY KEY AUTOINCREMENT,
    "person_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "topics" TEXT NOT NULL,
    "specialty" TEXT NULL,
    "career_stage" TEXT NOT NULL,
    "time_zone" TEXT NULL,
    "languages" TEXT NULL,
    "offers" INTEGER NOT NULL,
    "capacity" INTEGER NOT NULL,
    "approach" TEXT NULL,
    "is_synthetic" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "paused_at" TEXT NULL,
    "left_at" TEXT NULL,
    CONSTRAINT "fk_mentor_profiles_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE TABLE "trainee_requests" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_trainee_requests" PRIMARY KEY AUTOINCREMENT,
    "person_id" INTEGER NOT NULL,
    "topics" TEXT NOT NULL,
    "hashtags" TEXT NOT NULL,
    "free_text" TEXT NULL,
    "specialty" TEXT NULL,
    "career_stage" TEXT NOT NULL,
    "time_zone" TEXT NULL,
    "languages" TEXT NULL,
    "seeking" INTEGER NOT NULL,
    "is_synthetic" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_trainee_requests_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE TABLE "mentor_introductions" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_mentor_introductions" PRIMARY KEY AUTOINCREMENT,
    "mentor_profile_id" INTEGER NOT NULL,
    "trainee_person_id" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "reason" TEXT NULL,
    "response_message" TEXT NULL,
    "is_synthetic" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "responded_at" TEXT NULL,
    "ended_at" TEXT NULL,
    CONSTRAINT "fk_mentor_introductions_mentor_profiles_mentor_profile_id" FOREIGN KEY ("mentor_profile_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_mentor_introductions_people_trainee_person_id" FOREIGN KEY ("trainee_person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE TABLE "mentor_blocks" (
    "mentor_profile_id" INTEGER NOT NULL,
    "trainee_person_id" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_mentor_blocks" PRIMARY KEY ("mentor_profile_id", "trainee_person_id"),
    CONSTRAINT "fk_mentor_blocks_mentor_profiles_mentor_profile_id" FOREIGN KEY ("mentor_profile_id") REFERENCES "mentor_profiles" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_mentor_blocks_people_trainee_person_id" FOREIGN KEY ("trainee_person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE TABLE "mentor_notifications" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_mentor_notifications" PRIMARY KEY AUTOINCREMENT,
    "person_id" INTEGER NOT NULL,
    "introduction_id" INTEGER NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    CONSTRAINT "fk_mentor_notifications_mentor_introductions_introduction_id" FOREIGN KEY ("introduction_id") REFERENCES "mentor_introductions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_mentor_notifications_people_person_id" FOREIGN KEY ("person_id") REFERENCES "people" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_mentor_profiles_person_id" ON "mentor_profiles" ("person_id");

CREATE INDEX "ix_mentor_profiles_status" ON "mentor_profiles" ("status");

CREATE UNIQUE INDEX "ix_trainee_requests_person_id" ON "trainee_requests" ("person_id");

CREATE INDEX "ix_mentor_introductions_mentor_profile_id_status" ON "mentor_introductions" ("mentor_profile_id", "status");

CREATE INDEX "ix_mentor_introductions_trainee_person_id_status" ON "mentor_introductions" ("trainee_person_id", "status");

CREATE INDEX "ix_mentor_blocks_trainee_person_id" ON "mentor_blocks" ("trainee_person_id");

CREATE INDEX "ix_mentor_notifications_introduction_id" ON "mentor_notifications" ("introduction_id");

CREATE INDEX "ix_mentor_notifications_person_id_created_at" ON "mentor_notifications" ("person_id", "created_at");
