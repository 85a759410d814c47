import { byId, renderConf, type ConfSection } from './conf-text.js';
import type { ConferenceResource, PbxResources } from './types.js';

/** Profile names of a room: its bridge, its participants and its moderators. */
export function roomProfiles(roomId: string) {
  return { bridge: `swf-room-${roomId}`, user: `swf-room-${roomId}-user`, moderator: `swf-room-${roomId}-moderator` };
}

function roomSections(room: ConferenceResource): ConfSection[] {
  const p = roomProfiles(room.id);
  const bridge: ConfSection = {
    name: p.bridge,
    comment: `room ${room.id} ${room.name}`,
    entries: [['type', 'bridge'], ['max_members', room.maxParticipants], ['record_conference', room.record]],
  };
  // PINs are checked in the dialplan (stumpfworks-rooms), which picks the profile by PIN.
  const user: ConfSection = { name: p.user, entries: [['type', 'user'], ['announce_user_count', true]] };
  const moderator: ConfSection = { name: p.moderator, entries: [['type', 'user'], ['admin', true], ['marked', true]] };
  return [bridge, user, moderator];
}

/** stumpfworks/confbridge.conf: bridge and user profiles per room. */
export function renderConfbridge(resources: Pick<PbxResources, 'conferences'>): string {
  return renderConf('conference room profiles', byId(resources.conferences).flatMap(roomSections));
}
