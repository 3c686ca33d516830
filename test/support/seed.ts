// The seed of every property test: fixed in CI, so that a red build is the code's doing and
// replays as is; drawn afresh elsewhere, so that local runs explore. FC_SEED=<n> chooses one
// anywhere, CI included (the way to vary CI's). Printed by each file that uses it.
import t from 'tap'

export const CI_SEED = 20261205
export const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI ? CI_SEED : Date.now() ^ (Math.random() * 0x7fffffff)
t.comment(`fast-check seed ${seed} (FC_SEED=${seed} replays it)`)
