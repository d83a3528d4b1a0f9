//! The stretch pictures: every shipped stretch draws in all three forms, the drawings say what
//! the steps say, the pose checks locate their faults, and the commands that show them work.

use super::support::{backcare, edit_rules, rules_copy, scenario_answers};
use backcare::figure::{Figures, Glyphs, figure_svg, routine_svg, terminal_figure};
use backcare::knowledge::KnowledgeBase;
use backcare::model::Tag;
use backcare::model::pose::{Joint, Pose, PropKind};
use backcare::report::{Format, RoutineView, Style, render_routine};

fn kb() -> KnowledgeBase {
    KnowledgeBase::embedded().expect("the shipped rules load")
}

fn pose<'kb>(kb: &'kb KnowledgeBase, id: &str) -> &'kb Pose {
    let i = kb.stretch_index(id).expect("a shipped stretch");
    kb.pose(i).expect("every stretch has a pose")
}

fn is_braille(c: char) -> bool {
    ('\u{2800}'..='\u{28FF}').contains(&c)
}

#[test]
fn every_stretch_renders_in_all_three_forms() {
    let kb = kb();
    assert_eq!(kb.poses.len(), kb.stretches.len());
    for (i, stretch) in kb.stretches.iter().enumerate() {
        let pose = kb
            .pose(i)
            .unwrap_or_else(|| panic!("{} has no pose", stretch.id));
        let svg = figure_svg(pose, &stretch.name, None);
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox="));
        assert!(svg.contains(&format!(
            "<title>{}</title>",
            stretch.name.replace('\'', "&#39;")
        )));
        assert!(svg.matches("<line ").count() >= 15, "{}: {svg}", stretch.id);
        assert_eq!(
            svg.matches("<circle ").count(),
            pose.frames.len(),
            "a head per frame"
        );
        for bad in ["href", "<image", "<script", "url("] {
            assert!(!svg.contains(bad), "{}: {bad}", stretch.id);
        }
        let braille = terminal_figure(pose, Glyphs::Braille);
        let ascii = terminal_figure(pose, Glyphs::Ascii);
        for (lines, glyphs) in [(&braille, "braille"), (&ascii, "ascii")] {
            assert!(
                (1..=8).contains(&lines.len()),
                "{} {glyphs}: {lines:#?}",
                stretch.id
            );
            assert!(
                lines.iter().all(|l| l.chars().count() <= 45),
                "{}",
                stretch.id
            );
        }
        assert!(braille.concat().chars().any(is_braille), "{}", stretch.id);
        assert!(
            braille
                .concat()
                .chars()
                .all(|c| is_braille(c) || " →".contains(c))
        );
        assert!(ascii.concat().is_ascii(), "{}: {ascii:#?}", stretch.id);
        assert!(ascii.concat().contains('O'), "{}: a head", stretch.id);
    }
    for routine in 0..kb.routines.len() {
        let sheet = RoutineView::catalogue_sheet(&kb, routine);
        let steps = kb.routines[routine].steps.len();
        assert_eq!(
            sheet.matches("<svg ").count(),
            steps,
            "{}",
            kb.routines[routine].id
        );
        assert_eq!(sheet.matches("<article ").count(), steps);
        for bad in ["src=", "href=", "<script", "url(", "@import", "<link"] {
            assert!(!sheet.contains(bad), "{}: {bad}", kb.routines[routine].id);
        }
    }
}

/// Every frame of a stretch tagged as lying down, kneeling, standing or sitting has the body
/// where the tag says: the figures cannot drift from the instructions unnoticed.
#[test]
fn figures_match_the_position_the_steps_give() {
    let kb = kb();
    for (i, stretch) in kb.stretches.iter().enumerate() {
        let pose = kb.pose(i).expect("a pose");
        let start = pose.start();
        let at = |j: Joint| start.at(j);
        let has = |tag: Tag| stretch.tags.contains(&tag);
        let id = &stretch.id;
        let props: Vec<PropKind> = pose.props.iter().map(|p| p.kind).collect();
        if has(Tag::Standing) {
            assert!(
                at(Joint::Neck).y > at(Joint::HipLeft).y + 20.0,
                "{id}: upright"
            );
            assert!(
                at(Joint::AnkleLeft).y < 5.0 && at(Joint::AnkleRight).y < 5.0,
                "{id}"
            );
        }
        if has(Tag::HandsAndKnees) {
            for j in [Joint::HandLeft, Joint::KneeLeft, Joint::KneeRight] {
                assert!(at(j).y < 3.0, "{id}: {} on the floor", j.name());
            }
            assert!(at(Joint::HipLeft).y > 12.0, "{id}: hips up");
        }
        if has(Tag::LyingOnBack) || has(Tag::LyingFaceDown) {
            let lying = (at(Joint::Neck).y - at(Joint::HipLeft).y).abs() < 12.0;
            assert!(lying || stretch.id == "supine_twist", "{id}: lying down");
        }
        if has(Tag::Sitting) {
            assert!(props.contains(&PropKind::Chair), "{id}: a chair");
            assert!(
                (at(Joint::HipLeft).y - 22.0).abs() < 4.0,
                "{id}: on the seat"
            );
        }
        if has(Tag::Floor) && stretch.id != "supine_twist" {
            assert!(props.contains(&PropKind::Floor), "{id}: a floor");
        }
    }
}

/// The figure-4 stretch: on the back, one ankle crossed over the other knee (near side drawn
/// solid, the supporting leg dashed).
#[test]
fn the_figure_four_crosses_an_ankle_over_the_other_knee() {
    let kb = kb();
    let pose = pose(&kb, "piriformis_figure_four");
    for frame in &pose.frames {
        let at = |j: Joint| frame.at(j);
        assert!(
            (at(Joint::Neck).y - at(Joint::HipLeft).y).abs() < 3.0,
            "on the back"
        );
        assert!(
            at(Joint::Head).x < at(Joint::HipLeft).x,
            "head one way, legs the other"
        );
        let crossed = at(Joint::AnkleRight).distance(at(Joint::KneeLeft));
        assert!(
            crossed < 5.0,
            "{}: the right ankle rests by the left knee ({crossed})",
            frame.name
        );
        assert!(at(Joint::KneeRight).y > 10.0, "the crossed knee is up");
    }
    // The supporting foot is flat on the floor at the start and lifted at the end.
    assert!(pose.start().at(Joint::FootLeft).y < 2.0);
    assert!(pose.end().at(Joint::FootLeft).y > 10.0);
}

#[test]
fn figure_four_svg() {
    let kb = kb();
    let svg = figure_svg(
        pose(&kb, "piriformis_figure_four"),
        "Buttock stretch lying down (figure 4)",
        Some(480),
    );
    insta::assert_snapshot!(svg);
}

#[test]
fn figure_four_braille_and_ascii() {
    let kb = kb();
    let pose = pose(&kb, "piriformis_figure_four");
    let both = format!(
        "{}\n\n{}\n",
        terminal_figure(pose, Glyphs::Braille).join("\n"),
        terminal_figure(pose, Glyphs::Ascii).join("\n")
    );
    insta::assert_snapshot!(both);
}

#[test]
fn cat_cow_and_wall_plank_in_the_terminal() {
    let kb = kb();
    let mut out = String::new();
    for id in ["cat_cow", "wall_plank", "seated_figure_four"] {
        out.push_str(id);
        out.push('\n');
        out.push_str(&terminal_figure(pose(&kb, id), Glyphs::Braille).join("\n"));
        out.push('\n');
    }
    insta::assert_snapshot!(out);
}

#[test]
fn routine_show_text_has_a_figure_per_step() {
    let kb = kb();
    let routine = kb.routine_index("sciatica_relief").expect("shipped");
    let view = RoutineView::catalogue(&kb, routine);
    let figures = Figures {
        kb: &kb,
        glyphs: Glyphs::Braille,
    };
    let text = render_routine(&view, Format::Text, Style::PLAIN, Some(figures)).expect("text");
    let figure_lines = text.lines().filter(|l| l.chars().any(is_braille)).count();
    assert!(figure_lines >= 3 * view.steps.len(), "{text}");
    let plain = render_routine(&view, Format::Text, Style::PLAIN, None).expect("text");
    assert!(!plain.chars().any(is_braille));
    let markdown =
        render_routine(&view, Format::Markdown, Style::PLAIN, Some(figures)).expect("md");
    assert_eq!(
        markdown.matches("```text").count(),
        view.steps.len(),
        "{markdown}"
    );
    let svg = routine_svg(&view.name, &[("a".to_owned(), pose(&kb, "cat_cow"))]);
    assert_eq!(svg.matches("<svg ").count(), 2);
}

/// The binary, on the same routine: braille with a UTF-8 locale, ASCII with TERM=dumb or the C
/// locale, nothing with --no-figures.
#[test]
fn routine_show_picks_its_characters_from_the_locale() {
    let run = |env: &[(&str, &str)], extra: &[&str]| {
        let mut cmd = backcare();
        cmd.env_remove("LC_ALL")
            .env_remove("LC_CTYPE")
            .env("TERM", "xterm");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd
            .args(["routine", "show", "sciatica_relief"])
            .args(extra)
            .output()
            .expect("runs");
        assert!(out.status.success());
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let utf8 = run(&[("LANG", "en_GB.UTF-8")], &[]);
    assert!(utf8.chars().any(is_braille));
    insta::assert_snapshot!("routine_show_sciatica_relief_braille", utf8);
    let dumb = run(&[("LANG", "en_GB.UTF-8"), ("TERM", "dumb")], &[]);
    assert!(
        !dumb.chars().any(is_braille) && dumb.contains(" --> "),
        "{dumb}"
    );
    let c_locale = run(&[("LANG", "C")], &[]);
    assert!(!c_locale.chars().any(is_braille) && c_locale.contains(" --> "));
    let hidden = run(&[("LANG", "en_GB.UTF-8")], &["--no-figures"]);
    assert!(!hidden.chars().any(is_braille) && !hidden.contains(" --> "));
}

#[test]
fn stretch_figure_and_routine_print_through_the_binary() {
    let svg = backcare()
        .args(["stretch", "figure", "piriformis_figure_four"])
        .output()
        .expect("runs");
    assert!(svg.status.success());
    let svg = String::from_utf8(svg.stdout).expect("utf-8");
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
    assert!(svg.contains("<title>Buttock stretch lying down (figure 4)</title>"));

    let unknown = backcare()
        .args(["stretch", "figure", "piriformis_figur_four"])
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        stderr.contains("did you mean `piriformis_figure_four`"),
        "{stderr}"
    );

    let sheet = backcare()
        .args(["routine", "print", "bone_care"])
        .output()
        .expect("runs");
    assert!(sheet.status.success());
    let sheet = String::from_utf8(sheet.stdout).expect("utf-8");
    assert!(sheet.starts_with("<!DOCTYPE html>"));
    assert!(sheet.contains("@page { size: A4; margin: 12mm; }"));
    assert_eq!(sheet.matches("<svg ").count(), 6);
    assert!(sheet.contains("Stop and get help"));
    assert!(sheet.contains("<th>14</th>"));

    let svg_show = backcare()
        .args(["routine", "show", "sciatica_relief", "--format", "svg"])
        .output()
        .expect("runs");
    assert!(svg_show.status.success());
    let svg_show = String::from_utf8(svg_show.stdout).expect("utf-8");
    assert_eq!(
        svg_show.matches("<svg ").count(),
        5,
        "the page and four steps"
    );
}

#[test]
fn check_print_writes_the_persons_own_routine() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let answers = dir.path().join("answers.json");
    std::fs::write(&answers, scenario_answers("36_pregnancy_buttock_pain.json")).expect("write");
    let sheet = dir.path().join("sheet.html");
    let out = backcare()
        .arg("check")
        .arg("--answers")
        .arg(&answers)
        .arg("--print")
        .arg(&sheet)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&sheet).expect("the sheet was written");
    // In pregnancy the lying figure-4 is swapped for the seated one.
    assert!(html.contains("Seated figure-4 stretch</h2>"), "{html}");
    assert!(!html.contains("Buttock stretch lying down (figure 4)</h2>"));
    // And the sheet says so, and why.
    assert!(
        html.contains(
            "Buttock stretch lying down (figure 4) is swapped for Seated figure-4 stretch because"
        ),
        "{html}"
    );
}

/// A rules directory whose poses.json was changed by `edit`, and the one-line fault it gives.
fn broken_poses(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let dir = rules_copy();
    edit_rules(dir.path(), "poses.json", edit);
    let out = backcare()
        .args(["rules", "check"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn pose_faults_are_located_and_named() {
    let stderr = broken_poses(|v| {
        let joints = &mut v["poses"][11]["frames"][0]["joints"];
        let knee = joints["knee_left"].take();
        joints.as_object_mut().expect("object").remove("knee_left");
        joints["kne_left"] = knee;
    });
    assert!(stderr.contains("poses.json:"), "{stderr}");
    assert!(
        stderr.contains("unknown joint `kne_left`; did you mean `knee_left`?"),
        "{stderr}"
    );
    assert!(stderr.contains("lacks joints knee_left"), "{stderr}");
    assert!(stderr.contains("poses[11].frames[0].joints"), "{stderr}");

    let stretched = broken_poses(|v| {
        v["poses"][0]["frames"][1]["joints"]["hand_right"] = serde_json::json!([90, 79]);
    });
    assert!(
        stretched.contains("the bone from elbow_right to hand_right")
            && stretched.contains("within 10%"),
        "{stretched}"
    );
    assert!(
        stretched.contains("poses[0].frames[1].joints.hand_right"),
        "{stretched}"
    );

    let missing = broken_poses(|v| {
        v["poses"].as_array_mut().expect("a list").remove(4);
    });
    assert!(
        missing.contains("stretch `cat_cow` has no pose"),
        "{missing}"
    );

    let outside = broken_poses(|v| {
        v["poses"][2]["props"][0]["at"] = serde_json::json!([0, 120]);
    });
    assert!(outside.contains("outside the figure box"), "{outside}");

    let unknown = broken_poses(|v| v["poses"][3]["stretch"] = "cat_cw".into());
    assert!(unknown.contains("did you mean `cat_cow`"), "{unknown}");

    let frames = broken_poses(|v| v["poses"][3]["frames"][1]["name"] = "finish".into());
    assert!(frames.contains("\"start\", \"finish\""), "{frames}");
}

#[test]
fn a_joint_given_twice_is_refused() {
    let dir = rules_copy();
    let path = dir.path().join("poses.json");
    let text = std::fs::read_to_string(&path).expect("read");
    let doubled = text.replacen(
        "\"knee_left\": [",
        "\"knee_left\": [45, 20], \"knee_left\": [",
        1,
    );
    assert_ne!(doubled, text);
    std::fs::write(&path, doubled).expect("write");
    let out = backcare()
        .args(["rules", "check"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("joint `knee_left` is given twice in frame `start`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("poses.json:4:"),
        "located on its line: {stderr}"
    );
}

/// `routine play` on a pseudo-terminal draws each step's figure (braille in a UTF-8 locale),
/// and `--no-figures` leaves it out.
#[test]
fn routine_play_draws_a_figure_at_each_step() {
    use expectrl::{Eof, Session};
    let play = |extra: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_backcare"));
        cmd.args([
            "--no-journal",
            "routine",
            "play",
            "sciatica_relief",
            "--speed",
            "60",
        ])
        .args(extra)
        .env_remove("BACKCARE_RULES")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .env("LANG", "C.UTF-8")
        .env("TERM", "xterm-256color")
        .env("NO_COLOR", "1")
        .env("BACKCARE_FAKE_CLOCK", "1")
        .env("BACKCARE_JOURNAL", crate::support::scratch_journal());
        let mut session = Session::spawn(cmd).expect("spawn on a pseudo-terminal");
        session.set_expect_timeout(Some(std::time::Duration::from_secs(20)));
        let found = session.expect(Eof).expect("the routine ends");
        let mut bytes = found.before().to_vec();
        found.matches().for_each(|m| bytes.extend_from_slice(m));
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let shown = play(&[]);
    let steps: Vec<&str> = shown.split("Step ").skip(1).collect();
    assert_eq!(steps.len(), 4, "{shown}");
    for step in steps {
        assert!(step.chars().any(is_braille), "no figure in: {step}");
    }
    let hidden = play(&["--no-figures"]);
    assert!(hidden.contains("Step 4 of 4"), "{hidden}");
    assert!(!hidden.chars().any(is_braille), "{hidden}");
}
