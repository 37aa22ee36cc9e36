/**
 * LMS files as the LMS writes them, for the grading tests.
 *
 * Moodle's offline grading worksheet (mod/assign/gradingtable + feedback/offline): PHP's fputcsv
 * quotes every field holding a space, lines end in `\n`, an ungraded Grade is empty, a grade is
 * written with two decimals, "Last modified (grade)" is `-` before any grading.
 *
 * Canvas's gradebook export: `Student,ID,SIS User ID,SIS Login ID,Section`, then one column per
 * assignment named "Name (id)", then the computed scores; row 2 is "Points Possible" (indented),
 * the test student last; CRLF line ends and a BOM, as spreadsheet round trips leave it.
 */
export const MOODLE_WORKSHEET = [
  'Identifier,"Full name","Email address",Status,Grade,"Maximum Grade","Grade can be changed","Last modified (submission)","Last modified (grade)","Feedback comments"',
  '"Participant 12345","Jane Doe",jane@example.edu,"Submitted for grading",,100.00,Yes,"Tuesday, 3 December 2024, 10:15 AM",-,',
  '"Participant 12346","Bo Chen",bo@example.edu,"Submitted for grading",,100.00,Yes,"Tuesday, 3 December 2024, 11:02 AM",-,',
  '"Participant 12347","Ali Khan",ali@example.edu,"Submitted for grading - Graded",55.00,100.00,Yes,"Monday, 2 December 2024, 9:00 PM","Wednesday, 4 December 2024, 8:00 AM","Old comment"',
  '"Participant 12348","Locked Person",locked@example.edu,"Submitted for grading",,100.00,No,"Monday, 2 December 2024, 9:00 PM",-,',
  '',
].join('\n');

export const CANVAS_GRADEBOOK = '\uFEFF' + [
  'Student,ID,SIS User ID,SIS Login ID,Section,Essay 1 (1234),Quiz 2 (1240),Current Score,Unposted Current Score,Final Score',
  '    Points Possible,,,,,100.00,10.00,(read only),(read only),(read only)',
  '"Smith, John",12345,S001,jsmith,Period 1,,8.00,80.00,80.00,80.00',
  '"Doe, Jane",12346,S002,jdoe,Period 1,,9.00,90.00,90.00,90.00',
  '"Student, Test",99999,,,Period 1,,,,,',
  '',
].join('\r\n');
