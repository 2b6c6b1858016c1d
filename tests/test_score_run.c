/* Tests of the whole score stage (score/score.c with normalized.c and
 * output.c): normalized CSVs written here into a temporary work folder, with
 * and without LinkedIn exports and posts, give exactly these scores CSVs,
 * and bad input gives these messages. */
/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include "common/errors.h"
#include "score/score.h"
#include "test_support.h"

#include <glib/gstdio.h>
#include <string.h>

/* The 14 activity columns, all unknown. */
#define NO_ACTIVITY ",,,,,,,,,,,,,,"

static const char programs_csv[] = "program,name,company,start,end,target_audience,teams\n"
                                   "p,Pilot,Example AG,2025-03-15,,architect,DE;AT\n"
                                   "q,Quick,Example AG,2025-01-01,2025-04-10,,KEY\n";

/* b2 moves from DE to AT in mid-April; q ends in April. */
static const char roster_csv[] =
    "ambassador_id,name,email,program,team,role,country,industry,joined,left,consent\n"
    "a1,\"Berg, Anna\",anna@example.com,p,DE,KAM,DE,Construction,2025-03-15,,yes\n"
    "b2,Ben Ott,,p,DE,,,,2025-03-01,2025-04-14,no\n"
    "b2,Ben Ott,,p,AT,,,,2025-04-15,,no\n"
    "c3,Cem Kaya,,q,KEY,,,,2025-02-01,,yes\n";

/* a1's April value is total-only and the latest of two; b2's March rank
 * has a fraction. */
static const char snapshots_csv[] =
    "ambassador_id,date,ssi,brand,people,insights,relationships,industry_rank,network_rank,file,"
    "line\n"
    "a1,2025-03-20,40,10,10,10,10,69,71,ssi/a.csv,2\n"
    "a1,2025-04-02,49.99,12,11,14,12.99,60,60,ssi/a.csv,3\n"
    "a1,2025-04-28,50,,,,,,,ssi/a.csv,4\n"
    "b2,2025-03-31,70,20,15,20,15,12.5,8,ssi/a.csv,5\n"
    "b2,2025-04-30,75,20,20,20,15,,,ssi/a.csv,6\n"
    "c3,2025-04-10,64.444,16,16,16,16.444,,,ssi/b.csv,2\n";

static const char meta_csv[] = "key,value\nlatest_date,2025-05-12\nfiles,12\n";

typedef struct {
  char *work_dir;
  PipelineConfig *config;
  PipelineContext ctx;
} Fixture;

static int fixture_setup(void **state)
{
  Fixture *fixture = g_new0(Fixture, 1);
  fixture->work_dir = test_tree_new("score-run");
  fixture->config = config_new_default();
  fixture->ctx.work_dir = fixture->work_dir;
  fixture->ctx.jobs = 1;
  fixture->ctx.config = fixture->config;
  test_tree_write(fixture->work_dir, "normalized/programs.csv", programs_csv);
  test_tree_write(fixture->work_dir, "normalized/roster.csv", roster_csv);
  test_tree_write(fixture->work_dir, "normalized/ssi_snapshots.csv", snapshots_csv);
  test_tree_write(fixture->work_dir, "normalized/meta.csv", meta_csv);
  *state = fixture;
  return 0;
}

static int fixture_teardown(void **state)
{
  Fixture *fixture = *state;
  test_tree_remove(fixture->work_dir);
  g_free(fixture->work_dir);
  config_free(fixture->config);
  g_free(fixture);
  return 0;
}

static void test_person_month_csv(void **state)
{
  Fixture *fixture = *state;
  ScoreTotals totals;
  g_autoptr(GError) error = NULL;
  assert_true(score_run(&fixture->ctx, &totals, &error));
  g_autofree char *text = test_tree_read(fixture->work_dir, "scores/person_month.csv");
  assert_string_equal(
      text,
      "ambassador_id,name,program,team,month,ssi,source,band,brand,people,insights,"
      "relationships,ssi_reported,ssi_estimated,brand_est,people_est,insights_est,"
      "relationships_est,industry_rank,network_rank,posts,comments,reactions,messages_sent,"
      "invitations_sent,invitations_accepted,new_connections,new_target_connections,tool_posts,"
      "impressions,reactions_received,comments_received,reposts_received,clicks\n"
      "a1,\"Berg, Anna\",p,DE,2025-03,40.00,reported,low,10.00,10.00,10.00,10.00,40.00,,,,,,"
      "69,71" NO_ACTIVITY "\n"
      "a1,\"Berg, Anna\",p,DE,2025-04,50.00,reported,mid,,,,,50.00,,,,,,," NO_ACTIVITY "\n"
      "a1,\"Berg, Anna\",p,DE,2025-05,,none,,,,,,,,,,,,," NO_ACTIVITY "\n"
      "b2,Ben Ott,p,DE,2025-03,70.00,reported,good,20.00,15.00,20.00,15.00,70.00,,,,,,12.50,"
      "8" NO_ACTIVITY "\n"
      "b2,Ben Ott,p,AT,2025-04,75.00,reported,good,20.00,20.00,20.00,15.00,75.00,,,,,,," NO_ACTIVITY
      "\n"
      "b2,Ben Ott,p,AT,2025-05,,none,,,,,,,,,,,,," NO_ACTIVITY "\n"
      "c3,Cem Kaya,q,KEY,2025-02,,none,,,,,,,,,,,,," NO_ACTIVITY "\n"
      "c3,Cem Kaya,q,KEY,2025-03,,none,,,,,,,,,,,,," NO_ACTIVITY "\n"
      "c3,Cem "
      "Kaya,q,KEY,2025-04,64.44,reported,mid,16.00,16.00,16.00,16.44,64.44,,,,,,," NO_ACTIVITY
      "\n");
  assert_string_equal(totals.report_month, "2025-05");
  assert_int_equal(totals.person_months, 9);
  assert_int_equal(totals.team_months, 8);
  assert_int_equal(totals.program_months, 6);
}

/* members,with_ssi and the 17 columns after them, all empty. */
#define NO_SSI(members) #members ",0,,,,,,,,,,,,,,,,,"

static void test_team_month_csv(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(GError) error = NULL;
  assert_true(score_run(&fixture->ctx, NULL, &error));
  g_autofree char *text = test_tree_read(fixture->work_dir, "scores/team_month.csv");
  assert_string_equal(
      text,
      "program,team,month,members,with_ssi,ssi_mean,ssi_median,ssi_min,ssi_max,ssi_sd,"
      "brand_mean,people_mean,insights_mean,relationships_mean,share_good,share_low,delta_mean,"
      "active,activation_rate,posts_per_member,impressions,engagement_rate\n"
      "p,AT,2025-04,1,1,75.00,75.00,75.00,75.00,0.00,20.00,20.00,20.00,15.00,1.00,0.00,,,,,,\n"
      "p,AT,2025-05," NO_SSI(
          1) "\n"
             "p,DE,2025-03,2,2,55.00,55.00,40.00,70.00,15.00,15.00,12.50,15.00,12.50,0.50,0.50,,,,,"
             ",\n"
             "p,DE,2025-04,1,1,50.00,50.00,50.00,50.00,0.00,,,,,0.00,0.00,-5.00,,,,,\n"
             "p,DE,2025-05," NO_SSI(
                 1) "\n"
                    "q,KEY,2025-02," NO_SSI(
                        1) "\n"
                           "q,KEY,2025-03," NO_SSI(
                               1) "\n"
                                  "q,KEY,2025-04,1,1,64.44,64.44,64.44,64.44,0.00,16.00,16.00,16."
                                  "00,16.44,0.00,0.00,,,,,,\n");
}

static void test_program_month_csv(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(GError) error = NULL;
  assert_true(score_run(&fixture->ctx, NULL, &error));
  g_autofree char *text = test_tree_read(fixture->work_dir, "scores/program_month.csv");
  assert_string_equal(
      text,
      "program,month,month_index,members,with_ssi,ssi_mean,ssi_median,ssi_min,ssi_max,ssi_sd,"
      "brand_mean,people_mean,insights_mean,relationships_mean,share_good,share_low,delta_mean,"
      "active,activation_rate,posts_per_member,impressions,engagement_rate\n"
      "p,2025-03,0,2,2,55.00,55.00,40.00,70.00,15.00,15.00,12.50,15.00,12.50,0.50,0.50,,,,,,\n"
      "p,2025-04,1,2,2,62.50,62.50,50.00,75.00,12.50,20.00,20.00,20.00,15.00,0.50,0.00,7.50,,,,,\n"
      "p,2025-05,2," NO_SSI(2) "\n"
                               "q,2025-02,1," NO_SSI(
                                   1) "\n"
                                      "q,2025-03,2," NO_SSI(
                                          1) "\n"
                                             "q,2025-04,3,1,1,64.44,64.44,64.44,64.44,0.00,16.00,"
                                             "16.00,16.00,16.44,0.00,0.00,,,,,,\n");
  g_autofree char *meta = test_tree_read(fixture->work_dir, "scores/meta.csv");
  assert_string_equal(meta, "key,value\nreport_month,2025-05\nfirst_month,2025-02\n");
}

/* --month scores an earlier month: nothing after it is written. */
static void test_month_option(void **state)
{
  Fixture *fixture = *state;
  ScoreTotals totals;
  g_autoptr(GError) error = NULL;
  fixture->ctx.month = "2025-03";
  assert_true(score_run(&fixture->ctx, &totals, &error));
  assert_string_equal(totals.report_month, "2025-03");
  assert_int_equal(totals.person_months, 4); /* a1, b2 in p; c3 in q twice */
  assert_int_equal(totals.team_months, 3);
  assert_int_equal(totals.program_months, 3);
  g_autofree char *meta = test_tree_read(fixture->work_dir, "scores/meta.csv");
  assert_string_equal(meta, "key,value\nreport_month,2025-03\nfirst_month,2025-02\n");
}

static void test_estimated_source(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(GError) error = NULL;
  fixture->config->ssi_source = SSI_SOURCE_ESTIMATED;
  fixture->ctx.month = "2025-03";
  assert_true(score_run(&fixture->ctx, NULL, &error));
  g_autofree char *text = test_tree_read(fixture->work_dir, "scores/person_month.csv");
  /* Without estimates nobody has an effective SSI; the reported stays. */
  assert_non_null(strstr(
      text, "\na1,\"Berg, Anna\",p,DE,2025-03,,none,,,,,,40.00,,,,,,69,71" NO_ACTIVITY "\n"));
}

/* LinkedIn exports of a1 (covered to 2025-05-10) and c3 (to 2025-04-30),
 * none of b2; posts of a1 and b2. window(2025-03) is 2025-01-01 to
 * 2025-03-31, window(2025-04) 2025-01-31 to 2025-04-30. */
static void exports_write(const char *work_dir)
{
  test_tree_write(work_dir, "normalized/li_profiles.csv",
                  "ambassador_id,newest_export,covered_until,first_name,last_name,headline_set,"
                  "summary_set,industry_set,geo_location_set,current_position,skills,"
                  "visible_recommendations,websites_or_twitter_set\n"
                  "a1,linkedin/a1/x.zip,2025-05-10,Anna,Berg,1,1,1,1,1,5,1,1\n"
                  "c3,linkedin/c3/x.zip,2025-04-30,Cem,Kaya,0,0,0,0,0,0,0,0\n");
  /* Ina is senior but not in p's audience ("Architekten" is not
   * "architect"); Ole is. c3's hidden connections count in q's empty
   * audience. */
  test_tree_write(
      work_dir, "normalized/li_connections.csv",
      "ambassador_id,date,first_name,last_name,url,company,position,count\n"
      "a1,2025-01-15,Ina,Alt,https://www.linkedin.com/in/ina-alt,Alt Architekten,CEO,1\n"
      "a1,2025-04-10,Ole,Neu,,Neu GmbH,Architect,1\n"
      "c3,2025-03-10,,,,,,3\n");
  /* Ole has no URL among the connections: accepted by name. */
  test_tree_write(work_dir, "normalized/li_invitations.csv",
                  "ambassador_id,date,direction,from,to,invitee_url,count\n"
                  "a1,2025-04-02,OUTGOING,Anna Berg,Ole Neu,https://linkedin.com/in/ole-neu,1\n"
                  "a1,2025-04-03,OUTGOING,Anna Berg,Someone Else,,1\n");
  test_tree_write(work_dir, "normalized/li_shares.csv",
                  "ambassador_id,date,count\na1,2025-03-20,1\na1,2025-04-05,2\n");
  test_tree_write(work_dir, "normalized/li_comments.csv",
                  "ambassador_id,date,count\nc3,2025-02-10,24\n");
  test_tree_write(work_dir, "normalized/li_reactions.csv",
                  "ambassador_id,date,count\nc3,2025-03-05,30\n");
  test_tree_write(
      work_dir, "normalized/li_messages.csv",
      "ambassador_id,date,from,draft,count\n"
      "c3,2025-04-01,cem kaya,no,2\nc3,2025-04-02,Other,no,1\nc3,2025-04-03,Cem Kaya,yes,5\n");
  test_tree_write(
      work_dir, "normalized/li_endorsements.csv",
      "ambassador_id,date,status,count\nc3,2025-02-01,ACCEPTED,10\nc3,2025-03-01,PENDING,10\n");
  /* a1's second post has no impressions: its reactions count as received
   * but stay out of the engagement rate. */
  test_tree_write(
      work_dir, "normalized/posts.csv",
      "ambassador_id,date,post_url,impressions,reactions,comments,reposts,clicks,source,"
      "file,line\n"
      "a1,2025-04-20,https://x/1,1000,20,4,,7,generic,posts/a.csv,2\n"
      "a1,2025-04-25,https://x/2,,10,,2,,generic,posts/a.csv,3\n"
      "b2,2025-05-02,https://x/3,500,10,0,0,3,generic,posts/a.csv,4\n");
}

static const char person_month_header[] =
    "ambassador_id,name,program,team,month,ssi,source,band,brand,people,insights,"
    "relationships,ssi_reported,ssi_estimated,brand_est,people_est,insights_est,"
    "relationships_est,industry_rank,network_rank,posts,comments,reactions,messages_sent,"
    "invitations_sent,invitations_accepted,new_connections,new_target_connections,tool_posts,"
    "impressions,reactions_received,comments_received,reposts_received,clicks\n";

static const char aggregate_header[] =
    "members,with_ssi,ssi_mean,ssi_median,ssi_min,ssi_max,ssi_sd,brand_mean,people_mean,"
    "insights_mean,relationships_mean,share_good,share_low,delta_mean,active,activation_rate,"
    "posts_per_member,impressions,engagement_rate\n";

/* a1 2025-03: brand 10 + 10 * 1/12, people 10 * 1/30, relationships
 * 10 * 1/50 + 5 * 1/500. 2025-04: brand 10 + 10 * 3/12, people 10 * 1/30 +
 * 15 * 1/15, relationships 10 (1 of 2 accepted) + 0.2 + 5 * 2/500. c3:
 * endorsements 5 * 10/20, comments 10, reactions 5 * 30/60, messages
 * 10 * 2/30, growth 10 * 3/30, audience 15 * 3/15, size 5 * 3/500. */
static void test_person_month_with_exports(void **state)
{
  Fixture *fixture = *state;
  exports_write(fixture->work_dir);
  g_autoptr(GError) error = NULL;
  assert_true(score_run(&fixture->ctx, NULL, &error));
  g_autofree char *text = test_tree_read(fixture->work_dir, "scores/person_month.csv");
  g_autofree char *expected = g_strconcat(
      person_month_header,
      "a1,\"Berg, Anna\",p,DE,2025-03,40.00,reported,low,10.00,10.00,10.00,10.00,40.00,11.38,"
      "10.83,0.33,0.00,0.21,69,71,1,0,0,0,0,0,0,0,0,,,,,\n"
      "a1,\"Berg, Anna\",p,DE,2025-04,50.00,reported,mid,,,,,50.00,24.05,12.50,1.33,0.00,10.22,"
      ",,2,0,0,0,2,1,1,1,2,1000,30,4,2,7\n"
      "a1,\"Berg, Anna\",p,DE,2025-05,,none,,,,,,,,,,,,,,,,,,,,,,0,,,,,\n"
      "b2,Ben Ott,p,DE,2025-03,70.00,reported,good,20.00,15.00,20.00,15.00,70.00,,,,,,12.50,8,"
      ",,,,,,,,0,,,,,\n"
      "b2,Ben Ott,p,AT,2025-04,75.00,reported,good,20.00,20.00,20.00,15.00,75.00,,,,,,,,,,,,,,,,"
      "0,,,,,\n"
      "b2,Ben Ott,p,AT,2025-05,,none,,,,,,,,,,,,,,,,,,,,,,1,500,10,0,0,3\n"
      "c3,Cem Kaya,q,KEY,2025-02,12.50,estimated,low,2.50,0.00,10.00,0.00,,12.50,2.50,0.00,10.00,"
      "0.00,,,0,24,0,0,0,0,0,0,0,,,,,\n"
      "c3,Cem Kaya,q,KEY,2025-03,19.03,estimated,low,2.50,4.00,12.50,0.03,,19.03,2.50,4.00,12.50,"
      "0.03,,,0,0,30,0,0,0,3,3,0,,,,,\n"
      "c3,Cem Kaya,q,KEY,2025-04,64.44,reported,mid,16.00,16.00,16.00,16.44,64.44,19.70,2.50,"
      "4.00,13.17,0.03,,,0,0,0,2,0,0,0,0,0,,,,,\n",
      NULL);
  assert_string_equal(text, expected);
}

static void test_aggregates_with_exports(void **state)
{
  Fixture *fixture = *state;
  exports_write(fixture->work_dir);
  g_autoptr(GError) error = NULL;
  assert_true(score_run(&fixture->ctx, NULL, &error));
  g_autofree char *team = test_tree_read(fixture->work_dir, "scores/team_month.csv");
  g_autofree char *team_expected = g_strconcat(
      "program,team,month,", aggregate_header,
      "p,AT,2025-04,1,1,75.00,75.00,75.00,75.00,0.00,20.00,20.00,20.00,15.00,1.00,0.00,,0,0.00,"
      "0.00,,\n"
      "p,AT,2025-05,1,0,,,,,,,,,,,,,1,1.00,1.00,500,0.02\n"
      "p,DE,2025-03,2,2,55.00,55.00,40.00,70.00,15.00,15.00,12.50,15.00,12.50,0.50,0.50,,1,0.50,"
      "0.50,,\n"
      "p,DE,2025-04,1,1,50.00,50.00,50.00,50.00,0.00,,,,,0.00,0.00,-5.00,1,1.00,4.00,1000,0.02\n"
      "p,DE,2025-05,1,0,,,,,,,,,,,,,0,0.00,0.00,,\n"
      "q,KEY,2025-02,1,1,12.50,12.50,12.50,12.50,0.00,2.50,0.00,10.00,0.00,0.00,1.00,,0,0.00,"
      "0.00,,\n"
      "q,KEY,2025-03,1,1,19.03,19.03,19.03,19.03,0.00,2.50,4.00,12.50,0.03,0.00,1.00,6.53,0,0.00,"
      "0.00,,\n"
      "q,KEY,2025-04,1,1,64.44,64.44,64.44,64.44,0.00,16.00,16.00,16.00,16.44,0.00,0.00,45.41,0,"
      "0.00,0.00,,\n",
      NULL);
  assert_string_equal(team, team_expected);
  /* p 2025-04: a1 has 2 posts and 2 tool posts, b2 none: 4 / 2 members;
   * engagement (20 + 4) / 1000 of the post with impressions. */
  g_autofree char *program = test_tree_read(fixture->work_dir, "scores/program_month.csv");
  g_autofree char *program_expected = g_strconcat(
      "program,month,month_index,", aggregate_header,
      "p,2025-03,0,2,2,55.00,55.00,40.00,70.00,15.00,15.00,12.50,15.00,12.50,0.50,0.50,,1,0.50,"
      "0.50,,\n"
      "p,2025-04,1,2,2,62.50,62.50,50.00,75.00,12.50,20.00,20.00,20.00,15.00,0.50,0.00,7.50,1,"
      "0.50,2.00,1000,0.02\n"
      "p,2025-05,2,2,0,,,,,,,,,,,,,1,0.50,0.50,500,0.02\n"
      "q,2025-02,1,1,1,12.50,12.50,12.50,12.50,0.00,2.50,0.00,10.00,0.00,0.00,1.00,,0,0.00,0.00,"
      ",\n"
      "q,2025-03,2,1,1,19.03,19.03,19.03,19.03,0.00,2.50,4.00,12.50,0.03,0.00,1.00,6.53,0,0.00,"
      "0.00,,\n"
      "q,2025-04,3,1,1,64.44,64.44,64.44,64.44,0.00,16.00,16.00,16.00,16.44,0.00,0.00,45.41,0,"
      "0.00,0.00,,\n",
      NULL);
  assert_string_equal(program, program_expected);
  g_autofree char *warnings = test_tree_read(fixture->work_dir, "scores/warnings.csv");
  assert_string_equal(warnings,
                      "kind,subject,month,detail\n"
                      "not covered,a1,2025-05,no LinkedIn export covers 2025-05\n"
                      "not covered,b2,2025-03,no LinkedIn export at all (2025-03 to 2025-05)\n");
}

/* The factors of the report month's estimates, in the order of
 * ssi-model.ini: measured, target, points, max_points. */
static void test_factors_csv(void **state)
{
  Fixture *fixture = *state;
  exports_write(fixture->work_dir);
  fixture->ctx.month = "2025-04";
  g_autoptr(GError) error = NULL;
  assert_true(score_run(&fixture->ctx, NULL, &error));
  g_autofree char *text = test_tree_read(fixture->work_dir, "scores/factors.csv");
  assert_string_equal(
      text, "ambassador_id,program,team,month,factor,pillar,measured,target,points,max_points\n"
            "a1,p,DE,2025-04,profile,brand,1,1,10.00,10\n"
            "a1,p,DE,2025-04,publishing,brand,3,12,2.50,10\n"
            "a1,p,DE,2025-04,endorsements,brand,0,20,0.00,5\n"
            "a1,p,DE,2025-04,network_growth,people,1,30,0.33,10\n"
            "a1,p,DE,2025-04,target_audience,people,1,15,1.00,15\n"
            "a1,p,DE,2025-04,comments,insights,0,24,0.00,10\n"
            "a1,p,DE,2025-04,reactions,insights,0,60,0.00,5\n"
            "a1,p,DE,2025-04,messages,insights,0,30,0.00,10\n"
            "a1,p,DE,2025-04,acceptance,relationships,0.5,0.5,10.00,10\n"
            "a1,p,DE,2025-04,senior_network,relationships,1,50,0.20,10\n"
            "a1,p,DE,2025-04,network_size,relationships,2,500,0.02,5\n"
            "c3,q,KEY,2025-04,profile,brand,0,1,0.00,10\n"
            "c3,q,KEY,2025-04,publishing,brand,0,12,0.00,10\n"
            "c3,q,KEY,2025-04,endorsements,brand,10,20,2.50,5\n"
            "c3,q,KEY,2025-04,network_growth,people,3,30,1.00,10\n"
            "c3,q,KEY,2025-04,target_audience,people,3,15,3.00,15\n"
            "c3,q,KEY,2025-04,comments,insights,24,24,10.00,10\n"
            "c3,q,KEY,2025-04,reactions,insights,30,60,2.50,5\n"
            "c3,q,KEY,2025-04,messages,insights,2,30,0.67,10\n"
            "c3,q,KEY,2025-04,acceptance,relationships,0,0.5,0.00,10\n"
            "c3,q,KEY,2025-04,senior_network,relationships,0,50,0.00,10\n"
            "c3,q,KEY,2025-04,network_size,relationships,3,500,0.03,5\n");
  /* In 2025-05 no row has an estimate: the header alone. */
  fixture->ctx.month = NULL;
  assert_true(score_run(&fixture->ctx, NULL, &error));
  g_autofree char *may = test_tree_read(fixture->work_dir, "scores/factors.csv");
  assert_string_equal(
      may, "ambassador_id,program,team,month,factor,pillar,measured,target,points,max_points\n");
}

/* ssi.source = estimated: the estimate with its own pillars, or none. */
static void test_estimated_source_with_exports(void **state)
{
  Fixture *fixture = *state;
  exports_write(fixture->work_dir);
  fixture->config->ssi_source = SSI_SOURCE_ESTIMATED;
  g_autoptr(GError) error = NULL;
  assert_true(score_run(&fixture->ctx, NULL, &error));
  g_autofree char *text = test_tree_read(fixture->work_dir, "scores/person_month.csv");
  const char *lines[] = {
      "\na1,\"Berg, Anna\",p,DE,2025-03,11.38,estimated,low,10.83,0.33,0.00,0.21,40.00,11.38,",
      "\na1,\"Berg, Anna\",p,DE,2025-04,24.05,estimated,low,12.50,1.33,0.00,10.22,50.00,24.05,",
      "\nb2,Ben Ott,p,DE,2025-03,,none,,,,,,70.00,,",
      "\nc3,Cem Kaya,q,KEY,2025-04,19.70,estimated,low,2.50,4.00,13.17,0.03,64.44,19.70,",
  };
  for (guint i = 0; i < G_N_ELEMENTS(lines); i++)
    if (strstr(text, lines[i]) == NULL)
      fail_msg("no line starting %s in %s", lines[i] + 1, text);
}

/* A tree without LinkedIn exports: every ambassador's months are noted. */
static void test_warnings_without_exports(void **state)
{
  Fixture *fixture = *state;
  g_autoptr(GError) error = NULL;
  assert_true(score_run(&fixture->ctx, NULL, &error));
  g_autofree char *warnings = test_tree_read(fixture->work_dir, "scores/warnings.csv");
  assert_string_equal(warnings,
                      "kind,subject,month,detail\n"
                      "not covered,a1,2025-03,no LinkedIn export at all (2025-03 to 2025-05)\n"
                      "not covered,b2,2025-03,no LinkedIn export at all (2025-03 to 2025-05)\n"
                      "not covered,c3,2025-02,no LinkedIn export at all (2025-02 to 2025-04)\n");
}

/* A bad LinkedIn row stops the stage with its file and line. */
static void test_bad_export_row(void **state)
{
  Fixture *fixture = *state;
  exports_write(fixture->work_dir);
  test_tree_write(fixture->work_dir, "normalized/li_shares.csv",
                  "ambassador_id,date,count\na1,2025-03-20,1\na1,20.03.2025,1\n");
  g_autofree char *path = g_build_filename(fixture->work_dir, "normalized/li_shares.csv", NULL);
  g_autofree char *expected =
      g_strdup_printf("%s line 3: date: expected a date YYYY-MM-DD, got \"20.03.2025\"", path);
  g_autoptr(GError) error = NULL;
  assert_false(score_run(&fixture->ctx, NULL, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  assert_string_equal(error->message, expected);
}

static void assert_run_fails(Fixture *fixture, int code, const char *message)
{
  g_autoptr(GError) error = NULL;
  assert_false(score_run(&fixture->ctx, NULL, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, code));
  assert_string_equal(error->message, message);
}

static void test_bad_month_option(void **state)
{
  Fixture *fixture = *state;
  fixture->ctx.month = "2025-5";
  assert_run_fails(fixture, PIPELINE_ERROR_USAGE,
                   "--month: expected a month YYYY-MM from 2003-01 to 2100-12, got \"2025-5\"");
  g_autofree char *scores = g_build_filename(fixture->work_dir, "scores", NULL);
  assert_false(g_file_test(scores, G_FILE_TEST_EXISTS));
}

static void test_no_dated_data(void **state)
{
  Fixture *fixture = *state;
  test_tree_write(fixture->work_dir, "normalized/meta.csv", "key,value\nlatest_date,\n");
  assert_run_fails(fixture, PIPELINE_ERROR_INPUT,
                   "no dated data in the input tree (no SSI snapshot, LinkedIn event or post): "
                   "give the report month with --month YYYY-MM");
  fixture->ctx.month = "2025-05";
  g_autoptr(GError) error = NULL;
  assert_true(score_run(&fixture->ctx, NULL, &error));
}

static void test_bad_rows_name_file_and_line(void **state)
{
  Fixture *fixture = *state;
  g_autofree char *roster = g_build_filename(fixture->work_dir, "normalized/roster.csv", NULL);
  g_autofree char *snapshots =
      g_build_filename(fixture->work_dir, "normalized/ssi_snapshots.csv", NULL);
  g_autofree char *expected = NULL;

  test_tree_write(fixture->work_dir, "normalized/roster.csv",
                  "ambassador_id,name,program,team,joined,left\n"
                  "a1,Anna,p,DE,2025-03-15,\n"
                  "b2,Ben,p,DE,15.04.2025,\n");
  expected =
      g_strdup_printf("%s line 3: joined: expected a date YYYY-MM-DD, got \"15.04.2025\"", roster);
  assert_run_fails(fixture, PIPELINE_ERROR_INPUT, expected);

  test_tree_write(fixture->work_dir, "normalized/roster.csv",
                  "ambassador_id,name,program,team,joined,left\nb2,Ben,z,DE,2025-04-15,\n");
  g_free(expected);
  expected = g_strdup_printf("%s line 2: program: \"z\" is not a program of programs.csv", roster);
  assert_run_fails(fixture, PIPELINE_ERROR_INPUT, expected);

  test_tree_write(fixture->work_dir, "normalized/roster.csv", roster_csv);
  test_tree_write(fixture->work_dir, "normalized/ssi_snapshots.csv",
                  "ambassador_id,date,ssi,brand,people,insights,relationships,industry_rank,"
                  "network_rank\na1,2025-03-20,40,10,10,,,,\n");
  g_free(expected);
  expected = g_strdup_printf(
      "%s line 2: brand, people, insights, relationships: expected all four or none, got 2",
      snapshots);
  assert_run_fails(fixture, PIPELINE_ERROR_INPUT, expected);
}

/* The snapshots are read while the exports are scored, yet their error
 * comes before those of the files read after them and of the exports. */
static void test_snapshot_error_first(void **state)
{
  Fixture *fixture = *state;
  test_tree_write(fixture->work_dir, "normalized/ssi_snapshots.csv",
                  "ambassador_id,date,ssi,brand,people,insights,relationships,industry_rank,"
                  "network_rank\na1,2025-03-20,x,,,,,,\n");
  test_tree_write(fixture->work_dir, "normalized/li_shares.csv",
                  "ambassador_id,date,count\na1,2025-03-20,x\n");
  g_autofree char *snapshots =
      g_build_filename(fixture->work_dir, "normalized/ssi_snapshots.csv", NULL);
  g_autofree char *expected =
      g_strdup_printf("%s line 2: ssi: expected a number, got \"x\"", snapshots);
  assert_run_fails(fixture, PIPELINE_ERROR_INPUT, expected);
  test_tree_write(fixture->work_dir, "normalized/meta.csv", "key\n");
  assert_run_fails(fixture, PIPELINE_ERROR_INPUT, expected);
  /* With good snapshots the export's error shows. */
  test_tree_write(fixture->work_dir, "normalized/ssi_snapshots.csv", snapshots_csv);
  test_tree_write(fixture->work_dir, "normalized/meta.csv", meta_csv);
  g_autofree char *shares = g_build_filename(fixture->work_dir, "normalized/li_shares.csv", NULL);
  g_free(expected);
  expected = g_strdup_printf("%s line 2: count: expected a whole number from 0, got \"x\"", shares);
  assert_run_fails(fixture, PIPELINE_ERROR_INPUT, expected);
}

static void test_missing_file_or_column(void **state)
{
  Fixture *fixture = *state;
  g_autofree char *path = g_build_filename(fixture->work_dir, "normalized/programs.csv", NULL);
  g_autofree char *expected = NULL;

  test_tree_write(fixture->work_dir, "normalized/programs.csv", "program,name,begin,end\n");
  expected = g_strdup_printf("%s line 1: missing column(s) \"start\"", path);
  g_autoptr(GError) error = NULL;
  assert_false(score_run(&fixture->ctx, NULL, &error));
  assert_true(g_error_matches(error, PIPELINE_ERROR, PIPELINE_ERROR_INPUT));
  /* The reader's message may list more; it starts with file, line and column. */
  assert_true(g_str_has_prefix(error->message, expected));

  g_remove(path);
  g_free(expected);
  expected = g_strdup_printf("%s: missing (the ingest stage writes it: run ingest first)", path);
  assert_run_fails(fixture, PIPELINE_ERROR_INPUT, expected);

  test_tree_write(fixture->work_dir, "normalized/programs.csv", "");
  g_free(expected);
  expected =
      g_strdup_printf("%s: empty, expected a header row with the columns of the contract", path);
  assert_run_fails(fixture, PIPELINE_ERROR_INPUT, expected);
}

/* Two runs over the same files write the same bytes. */
static void test_deterministic(void **state)
{
  Fixture *fixture = *state;
  const char *files[] = {"scores/person_month.csv",  "scores/team_month.csv",
                         "scores/program_month.csv", "scores/warnings.csv",
                         "scores/factors.csv",       "scores/meta.csv"};
  exports_write(fixture->work_dir);
  char *first[G_N_ELEMENTS(files)];
  assert_true(score_run(&fixture->ctx, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS(files); i++)
    first[i] = test_tree_read(fixture->work_dir, files[i]);
  assert_true(score_run(&fixture->ctx, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS(files); i++) {
    g_autofree char *again = test_tree_read(fixture->work_dir, files[i]);
    assert_string_equal(again, first[i]);
    g_free(first[i]);
  }
}

#define RUN_TEST(f) cmocka_unit_test_setup_teardown(f, fixture_setup, fixture_teardown)

int main(void)
{
  const struct CMUnitTest tests[] = {
      RUN_TEST(test_person_month_csv),
      RUN_TEST(test_team_month_csv),
      RUN_TEST(test_program_month_csv),
      RUN_TEST(test_month_option),
      RUN_TEST(test_estimated_source),
      RUN_TEST(test_bad_month_option),
      RUN_TEST(test_no_dated_data),
      RUN_TEST(test_bad_rows_name_file_and_line),
      RUN_TEST(test_snapshot_error_first),
      RUN_TEST(test_missing_file_or_column),
      RUN_TEST(test_deterministic),
      RUN_TEST(test_person_month_with_exports),
      RUN_TEST(test_aggregates_with_exports),
      RUN_TEST(test_estimated_source_with_exports),
      RUN_TEST(test_warnings_without_exports),
      RUN_TEST(test_bad_export_row),
      RUN_TEST(test_factors_csv),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
