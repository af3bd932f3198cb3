import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { StatedUnit } from '../../platform/common/enums';
import { DecimalScalar } from '../../platform/common/scalars';
import { Provenance, Sourced } from '../sources/provenance';

@ObjectType({ description: 'A board meeting (styrelsesammanträde) with its attendance and decisions, from its protocol (protokoll).' })
@Entity('board_meeting')
export class BoardMeeting extends Sourced {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'forbund_id' })
  forbundId: number;

  @Field({ description: 'Date of the meeting (datum), ISO 8601.' })
  @Column({ type: 'date' })
  date: string;

  @Field(() => String, { nullable: true, description: 'Place (plats) as printed.' })
  @Column({ type: 'text', nullable: true })
  place: string | null;
}

/** A line of a meeting's protocol, in print order; versioned with its meeting, never on its own. */
abstract class MeetingPart {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'meeting_id' })
  meetingId: number;

  @Column()
  position: number;
}

@ObjectType({ description: 'Attendance of one member or deputy at a meeting (närvaro), as the protocol prints it.' })
@Entity('meeting_attendance')
export class MeetingAttendance extends MeetingPart {
  @Field({ description: 'Name as printed (namn).' })
  @Column()
  name: string;

  @Field({ description: 'Whether the person took part in decisions (beslutande/närvarande).' })
  @Column()
  present: boolean;

  @Field(() => String, { nullable: true, description: 'The attendance note as printed (närvaro), e.g. "Digitalt 9.35-12".' })
  @Column({ name: 'attendance_note', type: 'text', nullable: true })
  attendanceNote: string | null;
}

@ObjectType({ description: 'A board decision (beslut, paragraf i protokoll).' })
@Entity('board_decision')
export class BoardDecision extends MeetingPart {
  @Field({ description: 'Paragraph (paragraf) as printed, e.g. "§ 12".' })
  @Column()
  paragraph: string;

  @Field(() => String, { nullable: true, description: 'Registration number (diarienummer, dnr), e.g. "P24:2".' })
  @Column({ type: 'text', nullable: true })
  dnr: string | null;

  @Field({ description: 'Title of the item (ärende).' })
  @Column()
  title: string;

  @Field({ description: 'The decision as written (beslut).' })
  @Column({ name: 'decision_text' })
  decisionText: string;

  @Column()
  locator: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** A decision's source is its meeting's protocol: same document and version, its own paragraph. */
  provenanceIn(meeting: BoardMeeting): Provenance {
    return new Provenance({ ...meeting, locator: this.locator, note: this.note });
  }
}

@ObjectType({ description: 'An amount granted by a decision (beviljat belopp) for a period.' })
@Entity('decision_grant')
export class DecisionGrant {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'decision_id' })
  decisionId: number;

  @Column()
  position: number;

  @Field(() => DecimalScalar, { description: 'Maximum amount granted in kronor (beviljat belopp, kr).' })
  @Column({ name: 'amount_sek', type: 'numeric' })
  amountSek: string;

  @Field(() => StatedUnit, { description: 'Unit the source printed the amount in.' })
  @Column({ name: 'stated_unit', type: 'text' })
  statedUnit: StatedUnit;

  @Field(() => String, { nullable: true, description: 'First day of the period (period från), ISO 8601, as read from the protocol.' })
  @Column({ name: 'period_start', type: 'date', nullable: true })
  periodStart: string | null;

  @Field(() => String, { nullable: true, description: 'Last day of the period (period till), ISO 8601.' })
  @Column({ name: 'period_end', type: 'date', nullable: true })
  periodEnd: string | null;

  @Field({ description: 'The period exactly as printed (period enligt protokollet), e.g. "25-01-25 – 25-12-31".' })
  @Column({ name: 'period_as_stated' })
  periodAsStated: string;

  @Field(() => String, { nullable: true, description: 'Reviewer\'s note, e.g. on an ambiguous printed date.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;
}
