-- wrk script: POST /booking/bookings/, one seat per booking, no seat asked for twice. The pairs come from a file of
-- "SHOWING_ID SEAT_ID" lines named after `--` on wrk's command line; each of wrk's threads takes every THREADS-th
-- pair (`-- FILE THREADS`, default 2 as in -t2), so the threads never ask for the same seat. Past the end of the
-- file it repeats the first pair (then refused as sold: a 409 that the non-2xx count shows).
local threads = 0
function setup(thread)
    threads = threads + 1
    thread:set("id", threads)
end
function init(args)
    local pairs_file = args[1] or error("usage: wrk ... -s book-distinct-seats.lua URL -- PAIRS_FILE [THREADS]")
    seat_pairs = {}
    for line in io.lines(pairs_file) do
        local s, seat = line:match("(%S+) (%S+)")
        seat_pairs[#seat_pairs + 1] = { s, seat }
    end
    next_index = id
    step = tonumber(args[2] or "2")
end
function request()
    local p = seat_pairs[next_index]
    next_index = next_index + step
    if p == nil then p = seat_pairs[1] end
    return wrk.format("POST", nil, nil, '{"showing_id":"' .. p[1] .. '","seats_ids":["' .. p[2] .. '"]}')
end
