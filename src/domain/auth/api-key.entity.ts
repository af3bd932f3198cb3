import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An API key: only its SHA-256 hash is stored; the key itself is shown once, when created. */
@Entity('api_key')
export class ApiKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  name: string;

  @Column({ type: 'text' })
  role: 'EDITOR' | 'ADMIN';

  @Column({ name: 'forbund_id', type: 'int', nullable: true })
  forbundId: number | null;

  @Column({ name: 'key_hash' })
  keyHash: string;

  @Column({ name: 'created_at', type: 'timestamptz', insert: false, update: false })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
