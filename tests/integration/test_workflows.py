"""The CI workflows: valid for their forge's published schema, triggered when they should be,
running the same make targets on both forges, and those targets working here (`make ci-dry-run`).

The workflows cannot run here; what can be checked is checked: the schemas (check-jsonschema ships
them, so no network is needed), the triggers, jobs and steps that matter, and the commands they run.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import zoneinfo

import pytest
import yaml

from tests import sitecheck
from tests.conftest import ROOT, SAMPLE_SITE_YAML, require_tool, sample_files, write_site

GITHUB = ROOT / ".github" / "workflows" / "site.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
TARGETS = ["ci-check", "ci-changes", "ci-build", "ci-verify"]  # ci-changes: pull and merge requests only


def load(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def github():
    data = load(GITHUB)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


@pytest.fixture(scope="module")
def gitlab():
    return load(GITLAB)


def steps(job):
    return {step.get("name") or step.get("uses") or step.get("run"): step for step in job["steps"]}


def uses(job, action):
    return next(step for step in job["steps"] if step.get("uses", "").startswith(action + "@"))


def make_targets(commands):
    return [t for c in commands for t in re.findall(r"\bmake ((?:ci-[\w-]+))", c)]


@pytest.mark.parametrize("path, schema", [(GITHUB, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")])
def test_the_workflow_is_valid_for_its_forges_schema(path, schema):
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "site.yml"
    broken.write_text(GITHUB.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema",
                             "vendor.github-workflows", str(broken)], capture_output=True, text=True)
    assert result.returncode == 1


def test_github_runs_on_every_push_and_pull_request_every_morning_and_by_hand(github):
    triggers = github["on"]
    assert set(triggers) == {"push", "pull_request", "schedule", "workflow_dispatch"}
    assert triggers["push"] is None and triggers["pull_request"] is None  # every branch
    assert triggers["workflow_dispatch"]["inputs"]["ref"]["required"] is False


def test_the_daily_run_is_early_morning_in_berlin_all_year(github):
    (schedule,) = github["on"]["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    assert rest == ["*", "*", "*"]
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    for day in (dt.date(2027, 1, 15), dt.date(2027, 7, 15), dt.date(2027, 3, 28), dt.date(2027, 10, 31)):
        utc = dt.datetime.combine(day, dt.time(int(hour), int(minute)), dt.timezone.utc)
        local = utc.astimezone(berlin)
        assert local.date() == day and dt.time(3) <= local.time() <= dt.time(6), local  # after midnight, before offices
    assert minute != "0"  # the full hour is when GitHub's scheduler is busiest


def test_github_build_job_installs_checks_builds_and_verifies(github):
    job = github["jobs"]["build"]
    assert job["env"]["SITE_FORMAT"] == "github"
    python = uses(job, "actions/setup-python")["with"]
    assert python["cache"] == "pip" and python["cache-dependency-path"] == "pyproject.toml"
    assert uses(job, "actions/setup-node")["with"]["cache"] == "npm"
    assert uses(job, "actions/checkout")["with"]["ref"] == "${{ inputs.ref }}"
    runs = [step["run"] for step in job["steps"] if "run" in step]
    assert "make install node" in runs
    assert make_targets(runs) == TARGETS
    assert job["permissions"] == {"contents": "read", "pages": "read"}
    plan = steps(job)["Plan"]["run"]
    assert 'echo "SITE_NOW=$now" >> "$GITHUB_ENV"' in plan  # the build instant is the run's start


def test_github_publishes_only_from_the_default_branch_with_the_official_actions(github):
    build, deploy = github["jobs"]["build"], github["jobs"]["deploy"]
    upload = uses(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "output"
    assert upload["if"] == "steps.plan.outputs.deploy == 'true'"
    assert uses(build, "actions/configure-pages")["if"] == "steps.plan.outputs.deploy == 'true'"
    names = list(steps(build))
    assert names.index("Check HTML and links") < names.index("Upload for Pages")  # nothing unchecked is published
    assert deploy["needs"] == "build" and deploy["if"] == "needs.build.outputs.deploy == 'true'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    plan = steps(build)["Plan"]["run"]
    assert '[ "$EVENT" = schedule ]' in plan and '[ "$EVENT" != pull_request ]' in plan
    assert '[ "$REF" = "refs/heads/$DEFAULT_BRANCH" ]' in plan


def test_the_plan_step_decides_to_publish_as_intended(github):
    plan = steps(github["jobs"]["build"])["Plan"]["run"]
    cases = [("push", "refs/heads/main", "true"), ("push", "refs/heads/new-event", "false"),
             ("pull_request", "refs/heads/main", "false"), ("pull_request", "refs/pull/7/merge", "false"),
             ("schedule", "refs/heads/main", "true"), ("workflow_dispatch", "refs/heads/main", "true")]
    for event, ref, expected in cases:
        env = {"PATH": os.environ["PATH"], "EVENT": event, "REF": ref, "DEFAULT_BRANCH": "main"}
        result = subprocess.run(["bash", "-c", f'GITHUB_ENV=$(mktemp); GITHUB_OUTPUT=$(mktemp); '
                                 f'export GITHUB_ENV GITHUB_OUTPUT; {plan}\ncat "$GITHUB_OUTPUT"'],
                                env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert f"deploy={expected}" in result.stdout.splitlines(), (event, ref, result.stdout)


def test_gitlab_runs_the_same_targets_and_publishes_public_from_the_default_branch(gitlab, github):
    site, pages = gitlab["site"], gitlab["pages"]
    github_runs = [step["run"] for step in github["jobs"]["build"]["steps"] if "run" in step]
    assert make_targets(site["script"]) == make_targets(github_runs) == TARGETS
    assert "make install node" in site["before_script"]
    assert site["artifacts"]["paths"] == ["output/"]
    assert site["cache"]["key"]["files"] == ["pyproject.toml", "package-lock.json"]
    assert set(site["cache"]["paths"]) == {".cache/pip", ".cache/npm"}
    assert gitlab["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    assert pages["needs"] == ["site"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["artifacts"]["paths"] == ["public/"]
    assert pages["script"] == ["rm -rf public && mv output public"]
    assert any("SITE_BASE_URL=\"${SITE_BASE_URL:-$CI_PAGES_URL}\"" in line for line in site["before_script"])
    rules = gitlab["workflow"]["rules"]
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in rules
    assert rules[-1] == {"if": "$CI_COMMIT_BRANCH"}  # every branch, schedules and runs by hand


def test_github_summarises_a_pull_requests_changes_against_its_target_branch(github):
    build = github["jobs"]["build"]
    named = steps(build)
    names = list(named)
    checkout, summary = named["Check out the target branch"], named["What the change does to the site"]
    assert names.index("Check") < names.index("Check out the target branch") < names.index(
        "What the change does to the site") < names.index("Build")
    assert checkout["if"] == summary["if"] == "github.event_name == 'pull_request'"
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"] == {"ref": "${{ github.event.pull_request.base.sha }}", "path": ".base",
                                "persist-credentials": False}
    assert summary["run"] == 'make ci-changes | tee -a "$GITHUB_STEP_SUMMARY"'  # the summary and the log


def merge_request_block(gitlab) -> str:
    return next(line for line in gitlab["site"]["script"] if "ci-changes" in line)


def test_gitlab_links_the_built_site_from_the_merge_request(gitlab):
    artifacts = gitlab["site"]["artifacts"]
    assert artifacts["expose_as"] == "Site preview"
    assert artifacts["paths"] == ["output/"]  # a folder, with its slash: GitLab links the artifacts browser


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def test_gitlab_compares_a_merge_request_with_its_diff_base(gitlab, tmp_path):
    """The job's lines run in a clone: the diff base's files land in .base, then `make ci-changes`
    (here a function that shows what it would compare); without a merge request nothing happens."""
    origin = write_site(tmp_path / "origin", sample_files())
    git(origin, "init", "-q", "-b", "main")
    git(origin, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A")
    git(origin, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "base")
    base = git(origin, "rev-parse", "HEAD")
    (origin / "content" / "pages" / "imprint.de.md").unlink()
    git(origin, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qam", "change")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    script = "make() { echo \"make $*\"; ls .base/content/pages; }\n" + merge_request_block(gitlab)
    env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path)}
    ran = subprocess.run(["bash", "-ec", script], cwd=clone, capture_output=True, text=True,
                         env=env | {"CI_MERGE_REQUEST_DIFF_BASE_SHA": base})
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines() == ["make ci-changes", "about.de.md", "about.en.md", "imprint.de.md", "index.de.md"]
    ran = subprocess.run(["bash", "-ec", script], cwd=clone, capture_output=True, text=True, env=env)
    assert ran.returncode == 0 and ran.stdout == "", ran.stderr


def test_make_ci_changes_prints_the_summary_of_a_change(tmp_path):
    base = write_site(tmp_path / "base", sample_files())
    site = write_site(tmp_path / "site", sample_files({"content/pages/imprint.de.md": None}))
    result = subprocess.run(
        ["make", "--no-print-directory", "ci-changes", f"SITE_DIR={site}", f"SITE_BASE_DIR={base}",
         "SITE_BASE_URL=https://org.github.io/benn-portal/", "SITE_NOW=2026-11-25T09:00:00+00:00"],
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("## Was diese Änderung an der Website ändert\n")  # nothing but Markdown
    assert "- entfernt: Impressum – https://org.github.io/benn-portal/de/imprint/ (`content/pages/imprint.de.md`)\n" \
        in result.stdout


def test_the_make_targets_run_the_documented_commands():
    result = subprocess.run(
        ["make", "-n", "--no-print-directory", "ci-build", "ci-verify", "SITE_FORMAT=github",
         "SITE_BASE_URL=https://org.github.io/benn-portal/", "SITE_NOW=2026-11-25T03:17:00+00:00"],
        cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (".venv/bin/benn-site build --site . --format github  --base-url 'https://org.github.io/benn-portal/' "
            "--now '2026-11-25T03:17:00+00:00' --out output") in lines
    assert (".venv/bin/python -m tests.sitecheck output --site . "
            "--base-url 'https://org.github.io/benn-portal/'") in lines


def test_make_ci_dry_run_checks_a_site_published_under_a_sub_path(tmp_path):
    require_tool(sitecheck.LINKINATOR, "linkinator")
    require_tool(sitecheck.VNU_JAR, "the Nu HTML Checker")
    site = write_site(tmp_path / "site", sample_files())
    result = subprocess.run(
        ["make", "--no-print-directory", "ci-dry-run", f"SITE_DIR={site}", f"SITE_OUT={tmp_path / 'out'}",
         "SITE_BASE_URL=https://org.github.io/benn-portal/", "SITE_FORMAT=github"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "URLs outside the base path: none" in result.stdout
    assert "broken links (served under /benn-portal/): none" in result.stdout
    assert "HTML errors (Nu HTML Checker): none" in result.stdout
    assert re.search(r"^Build instant: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", result.stdout, re.M)
    home = (tmp_path / "out" / "de" / "index.html").read_text(encoding="utf-8")
    assert 'href="/benn-portal/static/site.css"' in home
    # warnings (untranslated pages of the sample) are annotations, and do not fail the run
    assert "::warning file=" in result.stderr


def test_make_ci_dry_run_stops_at_the_check_with_an_annotation(tmp_path):
    bad = SAMPLE_SITE_YAML.replace("default_language: de", "timezone: Mars/Olympus\ndefault_language: de")
    site = write_site(tmp_path / "site", sample_files({"site.yaml": bad}))
    result = subprocess.run(
        ["make", "--no-print-directory", "ci-dry-run", f"SITE_DIR={site}", f"SITE_OUT={tmp_path / 'out'}",
         "SITE_FORMAT=github"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert result.returncode != 0
    line = bad.splitlines().index("timezone: Mars/Olympus") + 1
    assert re.search(rf"^::error file=\S*site/site\.yaml,line={line},title=timezone::unknown time zone "
                     r"'Mars/Olympus' \(e\.g\. Europe/Berlin\)$", result.stderr, re.M), result.stderr
    assert not (tmp_path / "out").exists()  # the build step never ran
