;; The merge of a person over a background (see mask.ts, Blender, which this does byte for
;; byte the same, faster): rows of the mask interpolated and feathered, whole spans of
;; person or background copied with memory.copy, the blurred background's rows mixed four
;; pixels at a time with SIMD, and only the pixels along the person's edge mixed one by one.
;;
;; Memory is laid out by the caller (blend.ts); the first 128 bytes hold where everything
;; is, as 32 little-endian i32 words (the H_* offsets below). Pixels are RGBA words;
;; tables of positions are i32 pixel or column indices; weights are f32 (0…1) for the mask
;; and u32 (0…256) for the background.
(module
  (memory (export "memory") 1)

  ;; Header offsets (bytes).
  (global $H_WIDTH i32 (i32.const 0))
  (global $H_HEIGHT i32 (i32.const 4))
  (global $H_MASK_WIDTH i32 (i32.const 8))
  (global $H_MASK_HEIGHT i32 (i32.const 12))
  (global $H_FRAME i32 (i32.const 16))
  (global $H_OUT i32 (i32.const 20))
  (global $H_MASK i32 (i32.const 24))
  (global $H_ALPHA i32 (i32.const 28))
  (global $H_MX_WEIGHT i32 (i32.const 32))
  (global $H_MY_FIRST i32 (i32.const 36))
  (global $H_MY_SECOND i32 (i32.const 40))
  (global $H_MY_WEIGHT i32 (i32.const 44))
  (global $H_SPANS i32 (i32.const 48))
  (global $H_CLASSES i32 (i32.const 52))
  (global $H_PAIRS i32 (i32.const 56))
  (global $H_IMAGE i32 (i32.const 60))
  (global $H_WIDE i32 (i32.const 64))
  (global $H_SY_FIRST i32 (i32.const 68))
  (global $H_SY_SECOND i32 (i32.const 72))
  (global $H_SY_WEIGHT i32 (i32.const 76))
  (global $H_BACK_ROW i32 (i32.const 80))
  (global $H_SMALL i32 (i32.const 84))
  (global $H_SMALL_WIDTH i32 (i32.const 88))
  (global $H_SMALL_HEIGHT i32 (i32.const 92))
  (global $H_SX_FIRST i32 (i32.const 96))
  (global $H_SX_SECOND i32 (i32.const 100))
  (global $H_SX_WEIGHT i32 (i32.const 104))
  (global $H_SCRATCH i32 (i32.const 108))

  (func $header (param $at i32) (result i32) (i32.load (local.get $at)))

  ;; a and b mixed byte by byte: w/256 of b and the rest of a (mask.ts, mix).
  (func $mix (param $a i32) (param $b i32) (param $w i32) (result i32)
    (local $v i32)
    (local.set $v (i32.sub (i32.const 256) (local.get $w)))
    (i32.or
      (i32.and
        (i32.shr_u
          (i32.add
            (i32.mul (i32.and (local.get $a) (i32.const 0xff00ff)) (local.get $v))
            (i32.mul (i32.and (local.get $b) (i32.const 0xff00ff)) (local.get $w)))
          (i32.const 8))
        (i32.const 0xff00ff))
      (i32.and
        (i32.add
          (i32.mul (i32.and (i32.shr_u (local.get $a) (i32.const 8)) (i32.const 0xff00ff)) (local.get $v))
          (i32.mul (i32.and (i32.shr_u (local.get $b) (i32.const 8)) (i32.const 0xff00ff)) (local.get $w)))
        (i32.const 0xff00ff00))))

  ;; The feathered alpha (0…255) of a confidence, from the 257-entry table at $alpha.
  (func $level (param $alpha i32) (param $c f64) (result i32)
    (i32.load8_u
      (i32.add
        (local.get $alpha)
        (if (result i32) (f64.le (local.get $c) (f64.const 0))
          (then (i32.const 0))
          (else
            (if (result i32) (f64.ge (local.get $c) (f64.const 1))
              (then (i32.const 256))
              (else (i32.trunc_sat_f64_s (f64.mul (local.get $c) (f64.const 256))))))))))

  ;; $n pixels at $to: $a and $b mixed with weight $w, 4 pixels at a time.
  (func $mixRows (param $to i32) (param $a i32) (param $b i32) (param $w i32) (param $n i32)
    (local $i i32) (local $bytes i32) (local $vv v128) (local $vw v128) (local $pa v128) (local $pb v128)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $vv (i16x8.splat (i32.sub (i32.const 256) (local.get $w))))
    (local.set $vw (i16x8.splat (local.get $w)))
    (block $done
      (loop $four
        (br_if $done (i32.gt_u (i32.add (local.get $i) (i32.const 16)) (local.get $bytes)))
        (local.set $pa (v128.load (i32.add (local.get $a) (local.get $i))))
        (local.set $pb (v128.load (i32.add (local.get $b) (local.get $i))))
        (v128.store
          (i32.add (local.get $to) (local.get $i))
          (i8x16.narrow_i16x8_u
            (i16x8.shr_u
              (i16x8.add
                (i16x8.mul (i16x8.extend_low_i8x16_u (local.get $pa)) (local.get $vv))
                (i16x8.mul (i16x8.extend_low_i8x16_u (local.get $pb)) (local.get $vw)))
              (i32.const 8))
            (i16x8.shr_u
              (i16x8.add
                (i16x8.mul (i16x8.extend_high_i8x16_u (local.get $pa)) (local.get $vv))
                (i16x8.mul (i16x8.extend_high_i8x16_u (local.get $pb)) (local.get $vw)))
              (i32.const 8))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $four)))
    (block $end
      (loop $one
        (br_if $end (i32.ge_u (local.get $i) (local.get $bytes)))
        (i32.store
          (i32.add (local.get $to) (local.get $i))
          (call $mix
            (i32.load (i32.add (local.get $a) (local.get $i)))
            (i32.load (i32.add (local.get $b) (local.get $i)))
            (local.get $w)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $one))))

  ;; The RGBA bytes at $at as four i32 lanes.
  (func $pixel (param $at i32) (result v128)
    (i32x4.extend_low_i16x8_u (i16x8.extend_low_i8x16_u (v128.load32_zero (local.get $at)))))

  ;; Lanes $sum times $recip / 65536, stored as RGBA bytes at $at.
  (func $put (param $at i32) (param $sum v128) (param $recip v128)
    (v128.store32_lane 0 (local.get $at)
      (i8x16.narrow_i16x8_u
        (i16x8.narrow_i32x4_u
          (i32x4.shr_u (i32x4.mul (local.get $sum) (local.get $recip)) (i32.const 16))
          (v128.const i32x4 0 0 0 0))
        (v128.const i32x4 0 0 0 0))))

  ;; One box pass of radius 3 along a line of $n pixels $step bytes apart, $src to $dst, the
  ;; end pixels repeated beyond the line.
  (func $box (param $src i32) (param $dst i32) (param $n i32) (param $step i32)
    (local $i i32) (local $last i32) (local $sum v128) (local $recip v128)
    (local.set $recip (i32x4.splat (i32.const 9363))) ;; ⌈65536 / 7⌉: 7 × 255 still gives 255
    (local.set $last (i32.sub (local.get $n) (i32.const 1)))
    (local.set $sum (i32x4.mul (call $pixel (local.get $src)) (i32x4.splat (i32.const 4))))
    (local.set $i (i32.const 1))
    (block $first_done
      (loop $first
        (br_if $first_done (i32.gt_u (local.get $i) (i32.const 3)))
        (local.set $sum (i32x4.add (local.get $sum)
          (call $pixel (i32.add (local.get $src) (i32.mul (local.get $step)
            (select (local.get $i) (local.get $last) (i32.lt_u (local.get $i) (local.get $last))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $first)))
    (local.set $i (i32.const 0))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (call $put (i32.add (local.get $dst) (i32.mul (local.get $i) (local.get $step))) (local.get $sum) (local.get $recip))
        (local.set $sum (i32x4.sub
          (i32x4.add (local.get $sum)
            (call $pixel (i32.add (local.get $src) (i32.mul (local.get $step)
              (select (i32.add (local.get $i) (i32.const 4)) (local.get $last)
                (i32.lt_u (i32.add (local.get $i) (i32.const 4)) (local.get $last)))))))
          (call $pixel (i32.add (local.get $src) (i32.mul (local.get $step)
            (select (i32.sub (local.get $i) (i32.const 3)) (i32.const 0)
              (i32.gt_u (local.get $i) (i32.const 3))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each))))

  ;; The frame blurred, small: shrunk by 4 × 4 into $H_SMALL (each small pixel the mean of its
  ;; block, the frame's last row and column repeated where it is not a multiple of 4), then
  ;; three box passes of radius 3 each way through $H_SCRATCH, near a Gaussian blur of 3.5
  ;; small pixels (about 14 of the frame's).
  (func (export "blur")
    (local $width i32) (local $height i32) (local $frame i32) (local $small i32) (local $scratch i32)
    (local $sw i32) (local $sh i32) (local $i i32) (local $j i32) (local $dx i32) (local $dy i32)
    (local $row i32) (local $sum v128) (local $quad v128) (local $sixteenth v128) (local $pass i32)
    (local.set $width (call $header (global.get $H_WIDTH)))
    (local.set $height (call $header (global.get $H_HEIGHT)))
    (local.set $frame (call $header (global.get $H_FRAME)))
    (local.set $small (call $header (global.get $H_SMALL)))
    (local.set $scratch (call $header (global.get $H_SCRATCH)))
    (local.set $sw (call $header (global.get $H_SMALL_WIDTH)))
    (local.set $sh (call $header (global.get $H_SMALL_HEIGHT)))
    (local.set $sixteenth (i32x4.splat (i32.const 4096)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $j) (local.get $sh)))
        (local.set $i (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $i) (local.get $sw)))
            (block $block_done
              ;; A block wholly inside the frame: each of its rows one vector of four pixels,
              ;; summed in 16-bit lanes (16 × 255 fits), the two halves added at the end.
              (if (i32.and
                    (i32.lt_u (i32.add (i32.shl (local.get $i) (i32.const 2)) (i32.const 3)) (local.get $width))
                    (i32.lt_u (i32.add (i32.shl (local.get $j) (i32.const 2)) (i32.const 3)) (local.get $height)))
                (then
                  (local.set $row (i32.add (local.get $frame) (i32.shl
                    (i32.add (i32.mul (i32.shl (local.get $j) (i32.const 2)) (local.get $width)) (i32.shl (local.get $i) (i32.const 2)))
                    (i32.const 2))))
                  (local.set $sum (v128.const i32x4 0 0 0 0))
                  (local.set $dy (i32.const 0))
                  (block $fast_done
                    (loop $fast
                      (br_if $fast_done (i32.ge_u (local.get $dy) (i32.const 4)))
                      (local.set $quad (v128.load (local.get $row)))
                      (local.set $sum (i16x8.add (local.get $sum)
                        (i16x8.add (i16x8.extend_low_i8x16_u (local.get $quad)) (i16x8.extend_high_i8x16_u (local.get $quad)))))
                      (local.set $row (i32.add (local.get $row) (i32.shl (local.get $width) (i32.const 2))))
                      (local.set $dy (i32.add (local.get $dy) (i32.const 1)))
                      (br $fast)))
                  (local.set $sum (i16x8.add (local.get $sum)
                    (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $sum) (local.get $sum))))
                  (v128.store32_lane 0
                    (i32.add (local.get $small) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $sw)) (local.get $i)) (i32.const 2)))
                    (i8x16.narrow_i16x8_u (i16x8.shr_u (local.get $sum) (i32.const 4)) (local.get $sum)))
                  (br $block_done)))
            (local.set $sum (v128.const i32x4 0 0 0 0))
            (local.set $dy (i32.const 0))
            (block $dy_done
              (loop $dys
                (br_if $dy_done (i32.ge_u (local.get $dy) (i32.const 4)))
                (local.set $row (i32.add (local.get $frame) (i32.shl (i32.mul (local.get $width)
                  (select
                    (i32.add (i32.shl (local.get $j) (i32.const 2)) (local.get $dy))
                    (i32.sub (local.get $height) (i32.const 1))
                    (i32.lt_u (i32.add (i32.shl (local.get $j) (i32.const 2)) (local.get $dy)) (local.get $height))))
                  (i32.const 2))))
                (local.set $dx (i32.const 0))
                (block $dx_done
                  (loop $dxs
                    (br_if $dx_done (i32.ge_u (local.get $dx) (i32.const 4)))
                    (local.set $sum (i32x4.add (local.get $sum)
                      (call $pixel (i32.add (local.get $row) (i32.shl
                        (select
                          (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $dx))
                          (i32.sub (local.get $width) (i32.const 1))
                          (i32.lt_u (i32.add (i32.shl (local.get $i) (i32.const 2)) (local.get $dx)) (local.get $width)))
                        (i32.const 2))))))
                    (local.set $dx (i32.add (local.get $dx) (i32.const 1)))
                    (br $dxs)))
                (local.set $dy (i32.add (local.get $dy) (i32.const 1)))
                (br $dys)))
            (call $put
              (i32.add (local.get $small) (i32.shl (i32.add (i32.mul (local.get $j) (local.get $sw)) (local.get $i)) (i32.const 2)))
              (local.get $sum) (local.get $sixteenth)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $cols)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $rows)))
    (block $passes_done
      (loop $passes
        (br_if $passes_done (i32.ge_u (local.get $pass) (i32.const 3)))
        ;; Along each row, small to scratch; down each column, scratch to small.
        (local.set $j (i32.const 0))
        (block $h_done
          (loop $h
            (br_if $h_done (i32.ge_u (local.get $j) (local.get $sh)))
            (local.set $row (i32.shl (i32.mul (local.get $j) (local.get $sw)) (i32.const 2)))
            (call $box (i32.add (local.get $small) (local.get $row)) (i32.add (local.get $scratch) (local.get $row))
              (local.get $sw) (i32.const 4))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $h)))
        (local.set $i (i32.const 0))
        (block $v_done
          (loop $v
            (br_if $v_done (i32.ge_u (local.get $i) (local.get $sw)))
            (local.set $row (i32.shl (local.get $i) (i32.const 2)))
            (call $box (i32.add (local.get $scratch) (local.get $row)) (i32.add (local.get $small) (local.get $row))
              (local.get $sh) (i32.shl (local.get $sw) (i32.const 2)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $v)))
        (local.set $pass (i32.add (local.get $pass) (i32.const 1)))
        (br $passes))))

  ;; The small background's rows, each stretched to the frame's width (into $H_WIDE).
  (func (export "stretch")
    (local $width i32) (local $small i32) (local $sw i32) (local $sh i32) (local $wide i32)
    (local $first i32) (local $second i32) (local $weight i32)
    (local $sy i32) (local $row i32) (local $at i32) (local $x i32) (local $x4 i32)
    (local.set $width (call $header (global.get $H_WIDTH)))
    (local.set $small (call $header (global.get $H_SMALL)))
    (local.set $sw (call $header (global.get $H_SMALL_WIDTH)))
    (local.set $sh (call $header (global.get $H_SMALL_HEIGHT)))
    (local.set $wide (call $header (global.get $H_WIDE)))
    (local.set $first (call $header (global.get $H_SX_FIRST)))
    (local.set $second (call $header (global.get $H_SX_SECOND)))
    (local.set $weight (call $header (global.get $H_SX_WEIGHT)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $sy) (local.get $sh)))
        (local.set $row (i32.add (local.get $small)
          (i32.shl (i32.mul (local.get $sy) (local.get $sw)) (i32.const 2))))
        (local.set $at (i32.add (local.get $wide)
          (i32.shl (i32.mul (local.get $sy) (local.get $width)) (i32.const 2))))
        (local.set $x (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $x) (local.get $width)))
            (local.set $x4 (i32.shl (local.get $x) (i32.const 2)))
            (i32.store (i32.add (local.get $at) (local.get $x4))
              (call $mix
                (i32.load (i32.add (local.get $row)
                  (i32.shl (i32.load (i32.add (local.get $first) (local.get $x4))) (i32.const 2))))
                (i32.load (i32.add (local.get $row)
                  (i32.shl (i32.load (i32.add (local.get $second) (local.get $x4))) (i32.const 2))))
                (i32.load (i32.add (local.get $weight) (local.get $x4)))))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $cols)))
        (local.set $sy (i32.add (local.get $sy) (i32.const 1)))
        (br $rows))))

  ;; Each mask value's class: 1 where its alpha is full (the person), 2 where it is none (the
  ;; background), 0 between; then in $pairs, each column's class and the next one's in common.
  ;; An output span between mask columns k and k + 1 is the person (or the background) for
  ;; certain when both its mask rows say so at k: the confidence there lies between theirs.
  (func $classify (param $mask i32) (param $alpha i32) (param $classes i32) (param $pairs i32)
    (param $mw i32) (param $mh i32)
    (local $i i32) (local $n i32) (local $l i32) (local $at i32) (local $k i32) (local $last i32)
    (local.set $n (i32.mul (local.get $mw) (local.get $mh)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $l (call $level (local.get $alpha)
          (f64.promote_f32 (f32.load (i32.add (local.get $mask) (i32.shl (local.get $i) (i32.const 2)))))))
        (i32.store8 (i32.add (local.get $classes) (local.get $i))
          (select (i32.const 1)
            (select (i32.const 2) (i32.const 0) (i32.eqz (local.get $l)))
            (i32.eq (local.get $l) (i32.const 255))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (local.set $last (i32.sub (local.get $mw) (i32.const 1)))
    (local.set $at (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $at) (local.get $n)))
        (local.set $k (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $k) (local.get $mw)))
            (i32.store8 (i32.add (local.get $pairs) (i32.add (local.get $at) (local.get $k)))
              (i32.and
                (i32.load8_u (i32.add (local.get $classes) (i32.add (local.get $at) (local.get $k))))
                (i32.load8_u (i32.add (local.get $classes) (i32.add (local.get $at)
                  (select (i32.add (local.get $k) (i32.const 1)) (local.get $last)
                    (i32.lt_u (local.get $k) (local.get $last))))))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $cols)))
        (local.set $at (i32.add (local.get $at) (local.get $mw)))
        (br $rows))))

  ;; Column $k of the mask interpolated between rows $a and $b (byte addresses) with weight
  ;; $wy, rounded to f32 as the JavaScript merge keeps it.
  (func $between (param $a i32) (param $b i32) (param $k i32) (param $wy f64) (result f64)
    (local $m f64) (local $at i32)
    (local.set $at (i32.shl (local.get $k) (i32.const 2)))
    (local.set $m (f64.promote_f32 (f32.load (i32.add (local.get $a) (local.get $at)))))
    (f64.promote_f32 (f32.demote_f64
      (f64.add (local.get $m)
        (f64.mul
          (f64.sub (f64.promote_f32 (f32.load (i32.add (local.get $b) (local.get $at)))) (local.get $m))
          (local.get $wy))))))

  ;; The merge: $image 1 takes the background from $H_IMAGE (the frame's size), 0 from the
  ;; stretched small rows at $H_WIDE mixed vertically. Run kinds: 0 edge, 1 person, 2 background.
  (func (export "blend") (param $image i32)
    (local $width i32) (local $height i32) (local $mw i32) (local $mh i32)
    (local $frame i32) (local $out i32) (local $mask i32) (local $alpha i32) (local $mxWeight i32)
    (local $myFirst i32) (local $mySecond i32) (local $myWeight i32)
    (local $spans i32) (local $pairs i32)
    (local $wide i32) (local $syFirst i32) (local $sySecond i32) (local $syWeight i32)
    (local $backRow i32) (local $back i32)
    (local $y i32) (local $y4 i32) (local $o i32) (local $ra i32) (local $rb i32)
    (local $a i32) (local $b i32) (local $pa i32) (local $pb i32) (local $wy f64)
    (local $k i32) (local $from i32) (local $to i32) (local $kind i32) (local $run i32) (local $runFrom i32)
    (local $x i32) (local $x4 i32) (local $left f64) (local $right f64) (local $l i32) (local $p i32) (local $px i32)
    (local.set $width (call $header (global.get $H_WIDTH)))
    (local.set $height (call $header (global.get $H_HEIGHT)))
    (local.set $mw (call $header (global.get $H_MASK_WIDTH)))
    (local.set $mh (call $header (global.get $H_MASK_HEIGHT)))
    (local.set $frame (call $header (global.get $H_FRAME)))
    (local.set $out (call $header (global.get $H_OUT)))
    (local.set $mask (call $header (global.get $H_MASK)))
    (local.set $alpha (call $header (global.get $H_ALPHA)))
    (local.set $mxWeight (call $header (global.get $H_MX_WEIGHT)))
    (local.set $myFirst (call $header (global.get $H_MY_FIRST)))
    (local.set $mySecond (call $header (global.get $H_MY_SECOND)))
    (local.set $myWeight (call $header (global.get $H_MY_WEIGHT)))
    (local.set $spans (call $header (global.get $H_SPANS)))
    (local.set $pairs (call $header (global.get $H_PAIRS)))
    (local.set $wide (call $header (global.get $H_WIDE)))
    (local.set $syFirst (call $header (global.get $H_SY_FIRST)))
    (local.set $sySecond (call $header (global.get $H_SY_SECOND)))
    (local.set $syWeight (call $header (global.get $H_SY_WEIGHT)))
    (local.set $backRow (call $header (global.get $H_BACK_ROW)))
    (call $classify (local.get $mask) (local.get $alpha) (call $header (global.get $H_CLASSES))
      (local.get $pairs) (local.get $mw) (local.get $mh))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $y) (local.get $height)))
        (local.set $y4 (i32.shl (local.get $y) (i32.const 2)))
        ;; $o: the row's first pixel, in bytes.
        (local.set $o (i32.shl (i32.mul (local.get $y) (local.get $width)) (i32.const 2)))
        ;; The two mask rows this output row lies between: their values and their classes.
        (local.set $ra (i32.mul (i32.load (i32.add (local.get $myFirst) (local.get $y4))) (local.get $mw)))
        (local.set $rb (i32.mul (i32.load (i32.add (local.get $mySecond) (local.get $y4))) (local.get $mw)))
        (local.set $a (i32.add (local.get $mask) (i32.shl (local.get $ra) (i32.const 2))))
        (local.set $b (i32.add (local.get $mask) (i32.shl (local.get $rb) (i32.const 2))))
        (local.set $pa (i32.add (local.get $pairs) (local.get $ra)))
        (local.set $pb (i32.add (local.get $pairs) (local.get $rb)))
        (local.set $wy (f64.promote_f32 (f32.load (i32.add (local.get $myWeight) (local.get $y4)))))
        ;; The background row: the image's, or two stretched small rows mixed.
        (if (local.get $image)
          (then (local.set $back (i32.add (call $header (global.get $H_IMAGE)) (local.get $o))))
          (else
            (call $mixRows
              (local.get $backRow)
              (i32.add (local.get $wide) (i32.shl
                (i32.mul (i32.load (i32.add (local.get $syFirst) (local.get $y4))) (local.get $width))
                (i32.const 2)))
              (i32.add (local.get $wide) (i32.shl
                (i32.mul (i32.load (i32.add (local.get $sySecond) (local.get $y4))) (local.get $width))
                (i32.const 2)))
              (i32.load (i32.add (local.get $syWeight) (local.get $y4)))
              (local.get $width))
            (local.set $back (local.get $backRow))))
        ;; Spans between mask columns: runs of person or background copied when they end,
        ;; spans across the edge mixed pixel by pixel.
        (local.set $run (i32.const 0))
        (local.set $runFrom (i32.const 0))
        (local.set $k (i32.const 0))
        (block $spans_done
          (loop $span
            (br_if $spans_done (i32.gt_u (local.get $k) (local.get $mw)))
            (local.set $from (i32.load (i32.add (local.get $spans) (i32.shl (local.get $k) (i32.const 2)))))
            (local.set $kind
              (if (result i32) (i32.lt_u (local.get $k) (local.get $mw))
                (then (i32.and
                  (i32.load8_u (i32.add (local.get $pa) (local.get $k)))
                  (i32.load8_u (i32.add (local.get $pb) (local.get $k)))))
                (else (i32.const 0))))
            (block $next_span
              ;; The same run goes on.
              (br_if $next_span
                (i32.and (i32.eq (local.get $kind) (local.get $run)) (i32.ne (local.get $kind) (i32.const 0))))
              ;; The run [runFrom, from) ends here.
              (if (i32.eq (local.get $run) (i32.const 1))
                (then
                  (memory.copy
                    (i32.add (i32.add (local.get $out) (local.get $o)) (i32.shl (local.get $runFrom) (i32.const 2)))
                    (i32.add (i32.add (local.get $frame) (local.get $o)) (i32.shl (local.get $runFrom) (i32.const 2)))
                    (i32.shl (i32.sub (local.get $from) (local.get $runFrom)) (i32.const 2)))))
              (if (i32.eq (local.get $run) (i32.const 2))
                (then
                  (memory.copy
                    (i32.add (i32.add (local.get $out) (local.get $o)) (i32.shl (local.get $runFrom) (i32.const 2)))
                    (i32.add (local.get $back) (i32.shl (local.get $runFrom) (i32.const 2)))
                    (i32.shl (i32.sub (local.get $from) (local.get $runFrom)) (i32.const 2)))))
              (local.set $run (local.get $kind))
              (local.set $runFrom (local.get $from))
              (br_if $next_span (i32.ne (local.get $kind) (i32.const 0)))
              (br_if $next_span (i32.ge_u (local.get $k) (local.get $mw)))
              ;; A span across the edge: each pixel on its own, between columns k and k + 1.
              (local.set $to (i32.load (i32.add (local.get $spans) (i32.shl (i32.add (local.get $k) (i32.const 1)) (i32.const 2)))))
              (if (i32.lt_u (local.get $from) (local.get $to))
                (then
                  (local.set $left (call $between (local.get $a) (local.get $b) (local.get $k) (local.get $wy)))
                  (local.set $right (call $between (local.get $a) (local.get $b)
                    (select (i32.add (local.get $k) (i32.const 1)) (local.get $k)
                      (i32.lt_u (i32.add (local.get $k) (i32.const 1)) (local.get $mw)))
                    (local.get $wy)))
                  (local.set $x (local.get $from))
                  (block $px_done
                    (loop $px
                      (br_if $px_done (i32.ge_u (local.get $x) (local.get $to)))
                      (local.set $x4 (i32.shl (local.get $x) (i32.const 2)))
                      (local.set $l (call $level (local.get $alpha)
                        (f64.add (local.get $left) (f64.mul
                          (f64.sub (local.get $right) (local.get $left))
                          (f64.promote_f32 (f32.load (i32.add (local.get $mxWeight) (local.get $x4))))))))
                      (local.set $p (i32.add (local.get $o) (local.get $x4)))
                      (local.set $px (i32.load (i32.add (local.get $frame) (local.get $p))))
                      (i32.store (i32.add (local.get $out) (local.get $p))
                        (if (result i32) (i32.eq (local.get $l) (i32.const 255))
                          (then (local.get $px))
                          (else
                            (if (result i32) (i32.eqz (local.get $l))
                              (then (i32.load (i32.add (local.get $back) (local.get $x4))))
                              (else
                                (call $mix
                                  (i32.load (i32.add (local.get $back) (local.get $x4)))
                                  (local.get $px)
                                  (i32.add (local.get $l) (i32.shr_u (local.get $l) (i32.const 7)))))))))
                      (local.set $x (i32.add (local.get $x) (i32.const 1)))
                      (br $px)))))
              (local.set $runFrom (local.get $to)))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $span)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $rows))))
)
